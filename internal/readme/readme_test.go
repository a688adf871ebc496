package readme

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update
)

// goBlock matches a fenced Go block of a Markdown file.
var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// TestGoBlocksAreQuoted checks that every Go block of README.md is a run of
// whole lines of a .go file of the module (outside testdata), after
// removing the indentation common to the block's lines. Those files are
// built by `go vet ./...` and `go test ./...`, so the README's code
// compiles; Example functions also check their output.
func TestGoBlocksAreQuoted(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sources[path] = "\n" + dedentLines(string(b)) + "\n"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlock.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go block")
	}
	for i, m := range blocks {
		block := "\n" + dedentLines(m[1])
		found := ""
		for path, src := range sources {
			if strings.Contains(src, block) {
				found = path
				break
			}
		}
		if found == "" {
			first, _, _ := strings.Cut(strings.TrimSpace(m[1]), "\n")
			t.Errorf("README.md Go block %d (starting %q) is not quoted from a .go file of the module: keep it in a file that CI builds (an Example function, or example/quickstart) and quote it exactly", i+1, first)
		}
	}
}

// dedentLines strips each line's leading tabs and spaces, so a block
// quoted from inside a function body matches however deep it sits.
func dedentLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " \t")
	}
	return strings.Join(lines, "\n")
}
