package convert

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/pipedrive"
)

// TestAccountFolders checks that an account folder that does not exist,
// is not a folder, or holds none of the exports is an error naming the
// folder and the files looked for, in the loaders and in Setup; and that
// a folder holding some of them is enough.
func TestAccountFolders(t *testing.T) {
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(tmp, "nope")
	file := filepath.Join(tmp, "file.json")
	if err := os.WriteFile(file, []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A folder with only a directory export serves Setup, not the
	// translator's loader.
	usersOnly := filepath.Join(tmp, "users-only")
	if err := os.Mkdir(usersOnly, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(usersOnly, "users.json"), []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}

	type loadCase struct {
		name  string
		load  func() error
		dir   string
		files []string
		cause error // nil: no error
	}
	pdLoad := func(dir string) func() error {
		return func() error { _, err := LoadPipedriveAccount(dir); return err }
	}
	cpLoad := func(dir string) func() error {
		return func() error { _, err := LoadCopperAccount(dir); return err }
	}
	pdSetup := func(dir string) func() error {
		return func() error { _, err := Setup{PipedriveAccount: dir}.Converter(); return err }
	}
	cpSetup := func(dir string) func() error {
		return func() error { _, err := Setup{CopperAccount: dir}.Converter(); return err }
	}
	pdTr, cpTr := []string{"dealFields.json", "leadLabels.json", "currencies.json"}, []string{"custom_field_definitions.json", "lead_statuses.json", "account.json"}
	for _, tc := range []loadCase{
		{"LoadPipedriveAccount/missing", pdLoad(missing), missing, pdTr, fs.ErrNotExist},
		{"LoadPipedriveAccount/empty", pdLoad(empty), empty, pdTr, ErrNoExports},
		{"LoadPipedriveAccount/file", pdLoad(file), file, pdTr, errNotFolder},
		{"LoadPipedriveAccount/users only", pdLoad(usersOnly), usersOnly, pdTr, ErrNoExports},
		{"LoadPipedriveAccount/sample", pdLoad(filepath.Join(root, "pipedrive")), "", nil, nil},
		{"LoadCopperAccount/missing", cpLoad(missing), missing, cpTr, fs.ErrNotExist},
		{"LoadCopperAccount/empty", cpLoad(empty), empty, cpTr, ErrNoExports},
		{"LoadCopperAccount/sample", cpLoad(filepath.Join(root, "copper")), "", nil, nil},
		{"Setup pipedrive/missing", pdSetup(missing), missing, PipedriveAccountFiles(), fs.ErrNotExist},
		{"Setup pipedrive/empty", pdSetup(empty), empty, PipedriveAccountFiles(), ErrNoExports},
		{"Setup pipedrive/users only", pdSetup(usersOnly), "", nil, nil},
		{"Setup copper/missing", cpSetup(missing), missing, CopperAccountFiles(), fs.ErrNotExist},
		{"Setup copper/empty", cpSetup(empty), empty, CopperAccountFiles(), ErrNoExports},
		{"Setup copper/users only", cpSetup(usersOnly), "", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.load()
			if tc.cause == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var fe *FolderError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a *FolderError", err, err)
			}
			if !errors.Is(err, tc.cause) {
				t.Errorf("error %v does not wrap %v", err, tc.cause)
			}
			if diff := cmp.Diff(tc.files, fe.Files); diff != "" {
				t.Errorf("files looked for mismatch (-want +got):\n%s", diff)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.dir) {
				t.Errorf("message %q does not name the folder %s", msg, tc.dir)
			}
			for _, f := range tc.files {
				if !strings.Contains(msg, f) {
					t.Errorf("message %q does not name %s", msg, f)
				}
			}
		})
	}
}

// TestSetupPipedrivePlan checks that Setup.PipedrivePlan sets the
// translator's plan, before the mapping's, and that an unknown name is an
// error.
func TestSetupPipedrivePlan(t *testing.T) {
	for _, tc := range []struct {
		plan, mapping string
		want          pipedrive.Plan
	}{
		{"", "", pipedrive.PlanUnknown},
		{"premium", "", pipedrive.PlanPremium},
		{"", "growth", pipedrive.PlanEssential},
		{"Ultimate", "growth", pipedrive.PlanPremium},
		{"growth", "premium", pipedrive.PlanEssential},
	} {
		s := Setup{PipedrivePlan: tc.plan}
		if tc.mapping != "" {
			s.Mapping = []byte(`{"visibility":{"plan":"` + tc.mapping + `"}}`)
		}
		c, err := s.Converter()
		if err != nil {
			t.Fatalf("plan %q, mapping %q: %v", tc.plan, tc.mapping, err)
		}
		if got := c.PipedriveTranslator().Plan; got != tc.want {
			t.Errorf("plan %q, mapping %q: translator plan %v, want %v", tc.plan, tc.mapping, got, tc.want)
		}
	}
	if _, err := (Setup{PipedrivePlan: "gold"}).Converter(); err == nil || !strings.Contains(err.Error(), `unknown Pipedrive plan "gold"`) {
		t.Errorf("unknown plan: error %v", err)
	}
}
