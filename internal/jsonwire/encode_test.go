package jsonwire_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
)

func TestAppendString(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", `""`},
		{"plain", "abc", `"abc"`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"short escapes", "\n\r\t\b\f", `"\n\r\t\b\f"`},
		{"other controls", "\x00\x01\x1f", `"\u0000\u0001\u001f"`},
		{"DEL stays", "\x7f", "\"\x7f\""},
		{"html stays", "<a href='x'>&amp;</a>", `"<a href='x'>&amp;</a>"`},
		{"slash stays", "a/b", `"a/b"`},
		{"line separators", "a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"multibyte stays", "é€😀東京", `"é€😀東京"`},
		{"replacement character stays", "\ufffd", "\"\ufffd\""},
		{"invalid byte", "a\xffb", `"a\ufffdb"`},
		{"overlong", "\xc0\xaf", `"\ufffd\ufffd"`},
		{"encoded surrogate", "\xed\xa0\x80", `"\ufffd\ufffd\ufffd"`},
		{"truncated at end", "ab\xe2\x82", `"ab\ufffd\ufffd"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(jsonwire.AppendString([]byte("x"), tt.in)); got != "x"+tt.want {
				t.Errorf("AppendString(%q) = %s, want %s", tt.in, got[1:], tt.want)
			}
			if got := string(jsonwire.AppendStringBytes(nil, []byte(tt.in))); got != tt.want {
				t.Errorf("AppendStringBytes(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if !json.Valid([]byte(tt.want)) {
				t.Errorf("%s is not valid JSON: the case is wrong", tt.want)
			}
		})
	}
}

func TestAppendScalars(t *testing.T) {
	var b []byte
	b = append(b, '{')
	b = jsonwire.AppendKey(b, "a\"b")
	b = jsonwire.AppendInt(b, math.MinInt64)
	b = append(b, ',')
	b = jsonwire.AppendKey(b, "t")
	b = jsonwire.AppendBool(b, true)
	b = append(b, ',')
	b = jsonwire.AppendKey(b, "f")
	b = jsonwire.AppendBool(b, false)
	b = append(b, ',')
	b = jsonwire.AppendKey(b, "n")
	b = jsonwire.AppendNull(b)
	b = append(b, '}')
	want := `{"a\"b":-9223372036854775808,"t":true,"f":false,"n":null}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("appended object mismatch (-want +got):\n%s", diff)
	}
}

// decodeString reads s back with the Decoder.
func decodeString(t *testing.T, enc []byte) string {
	t.Helper()
	d := jsonwire.NewDecoder(enc)
	got, err := d.String()
	if err != nil {
		t.Fatalf("String(%s): %v", enc, err)
	}
	if err := d.End(); err != nil {
		t.Fatalf("End after String(%s): %v", enc, err)
	}
	return got
}

// TestAppendStringRoundTrip writes random strings and reads them back:
// valid UTF-8 comes back unchanged, invalid UTF-8 as encoding/json's
// reading of its own encoding (each bad byte a U+FFFD).
func TestAppendStringRoundTrip(t *testing.T) {
	t.Run("quick", func(t *testing.T) {
		f := func(s string) bool {
			return decodeString(t, jsonwire.AppendString(nil, s)) == s
		}
		if err := quick.Check(f, &quick.Config{MaxCount: 2000, Rand: nil}); err != nil {
			t.Error(err)
		}
	})
	t.Run("seeded", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		alphabet := []string{"a", "Z", " ", "\"", "\\", "/", "\n", "\x00", "\x1f", "\x7f", "<", "&",
			"é", "€", "😀", "\u2028", "\u2029", "\ufffd", "\ud7ff", "\ue000", "\U0010ffff",
			"\xff", "\xc0", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80"}
		for range 20000 {
			var b strings.Builder
			for range r.IntN(24) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			s := b.String()
			enc := jsonwire.AppendString(nil, s)
			got := decodeString(t, enc)
			var want string
			if utf8.ValidString(s) {
				want = s
			} else {
				std, _ := json.Marshal(s)
				if err := json.Unmarshal(std, &want); err != nil {
					t.Fatal(err)
				}
			}
			if got != want {
				t.Fatalf("round trip of %q through %s gave %q, want %q", s, enc, got, want)
			}
			if !utf8.Valid(enc) {
				t.Fatalf("AppendString(%q) = %q is not valid UTF-8", s, enc)
			}
		}
	})
}

func TestAppendStringAllocations(t *testing.T) {
	buf := make([]byte, 0, 256)
	s := "Jürgen \"Gold\" <b>\n\xff 😀"
	sb := []byte(s)
	if n := testing.AllocsPerRun(100, func() { _ = jsonwire.AppendStringBytes(buf[:0], sb) }); n != 0 {
		t.Errorf("AppendStringBytes allocates %.1f times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = jsonwire.AppendString(buf[:0], s) }); n != 0 {
		t.Errorf("AppendString allocates %.1f times", n)
	}
}
