package jsonwire_test

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

func TestGrammarValid(t *testing.T) {
	tests := []struct{ name, in string }{
		{"null", `null`},
		{"true", `true`},
		{"false", `false`},
		{"zero", `0`},
		{"negative zero", `-0`},
		{"negative zero fraction", `-0.0e-0`},
		{"integer", `-1234567890`},
		{"fraction", `1.5`},
		{"exponent", `1e10`},
		{"exponent upper plus", `1E+10`},
		{"exponent minus", `2.5e-10`},
		{"huge", `123456789012345678901234567890e999999999999999999999`},
		{"empty string", `""`},
		{"short escapes", `"\"\\\/\b\f\n\r\t"`},
		{"NUL escape", `"\u0000"`},
		{"surrogate pair", `"\ud83d\ude00"`},
		{"last surrogate pair", `"\uDBFF\uDFFF"`},
		{"noncharacter", `"\uffff"`},
		{"raw multibyte", `"é€😀"`},
		{"raw replacement character", "\"\xef\xbf\xbd\""},
		{"DEL", "\"\x7f\""},
		{"html and line separators", "\"<>&\u2028\u2029\""},
		{"empty array", `[]`},
		{"empty object", `{}`},
		{"array", `[1,"a",true,false,null,{},[]]`},
		{"object", `{"a":1,"b":[true,false,null],"c":{"d":"e"}}`},
		{"whitespace everywhere", " \t\n\r{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\r\n\t "},
		{"case variants are distinct keys", `{"TITLE":1,"title":2,"Title":3}`},
		{"same key in sibling objects", `[{"a":1},{"a":2}]`},
		{"same key at two levels", `{"a":{"a":{"a":1}}}`},
		{"escaped key distinct", `{"a":1,"\u0062":2}`},
		{"empty key", `{"":1}`},
		{"lead", leadDoc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := check([]byte(tt.in)); err != nil {
				t.Errorf("Raw(%q): %v", tt.in, err)
			}
			d := jsonwire.NewDecoder([]byte(tt.in))
			if err := walk(d); err != nil {
				t.Errorf("walk(%q): %v", tt.in, err)
			}
			if err := d.End(); err != nil {
				t.Errorf("walk(%q) then End: %v", tt.in, err)
			}
			if !json.Valid([]byte(tt.in)) {
				t.Errorf("encoding/json rejects %q: the case is wrong", tt.in)
			}
		})
	}
}

func TestGrammarInvalid(t *testing.T) {
	tests := []struct {
		name, in   string
		path, rule string
	}{
		{"empty", ``, "", "unexpected end of input at offset 0"},
		{"only whitespace", " \n", "", "unexpected end of input at offset 2"},
		{"truncated literal", `nul`, "", "unexpected end of input at offset 3"},
		{"literal with tail", `nulls`, "", "invalid character 's' at offset 4"},
		{"capital literal", `True`, "", "invalid character 'T' at offset 0"},
		{"leading zero", `01`, "", "invalid character '1' at offset 1"},
		{"negative leading zero", `-01`, "", "invalid character '1' at offset 2"},
		{"lone minus", `-`, "", "unexpected end of input at offset 1"},
		{"plus", `+1`, "", "invalid character '+' at offset 0"},
		{"empty fraction", `1.`, "", "unexpected end of input at offset 2"},
		{"fraction without digits", `1.e5`, "", "invalid character 'e' at offset 2"},
		{"no integer part", `.5`, "", "invalid character '.' at offset 0"},
		{"empty exponent", `1e`, "", "unexpected end of input at offset 2"},
		{"exponent sign only", `1e+`, "", "unexpected end of input at offset 3"},
		{"NaN", `NaN`, "", "invalid character 'N' at offset 0"},
		{"Infinity", `-Infinity`, "", "invalid character 'I' at offset 1"},
		{"hex", `0x10`, "", "invalid character 'x' at offset 1"},
		{"two values", `1 2`, "", "invalid character '2' at offset 2"},
		{"BOM", "\xef\xbb\xbf{}", "", "invalid byte 0xef at offset 0"},
		{"vertical tab", "\v1", "", "invalid byte 0x0b at offset 0"},
		{"no-break space", "\u00a01", "", "invalid byte 0xc2 at offset 0"},
		{"open array", `[`, "[0]", "unexpected end of input at offset 1"},
		{"open arrays", `[[`, "[0][0]", "unexpected end of input at offset 2"},
		{"trailing comma in array", `[1,]`, "[1]", "invalid character ']' at offset 3"},
		{"leading comma", `[,1]`, "[0]", "invalid character ',' at offset 1"},
		{"missing comma", `[1 2]`, "[0]", "invalid character '2' at offset 3"},
		{"colon in array", `[1:2]`, "[0]", "invalid character ':' at offset 2"},
		{"trailing comma in object", `{"a":1,}`, "", "invalid character '}' at offset 7"},
		{"missing colon", `{"a" 1}`, "a", "invalid character '1' at offset 5"},
		{"bare key", `{a:1}`, "", "invalid character 'a' at offset 1"},
		{"missing member comma", `{"a":1 "b":2}`, "a", "invalid character '\"' at offset 7"},
		{"extra brace", `{"a":1}}`, "", "invalid character '}' at offset 7"},
		{"missing value", `{"a":}`, "a", "invalid character '}' at offset 5"},
		{"unterminated string", `"abc`, "", "unexpected end of input at offset 4"},
		{"unknown escape", `"\x"`, "", "invalid escape at offset 1"},
		{"short unicode escape", `"\u12"`, "", "invalid character '\"' at offset 5"},
		{"bad hex", `"\u12G4"`, "", "invalid character 'G' at offset 5"},
		{"control character", "\"a\x01\"", "", "control character in string at offset 2"},
		{"raw tab", "\"\t\"", "", "control character in string at offset 1"},
		{"raw newline", "\"\n\"", "", "control character in string at offset 1"},
		{"lone high surrogate", `"\ud800"`, "", "lone surrogate at offset 1"},
		{"lone low surrogate", `"\udc00"`, "", "lone surrogate at offset 1"},
		{"high then letter", `"\ud800x"`, "", "lone surrogate at offset 1"},
		{"high then BMP escape", `"\ud800\u0041"`, "", "lone surrogate at offset 1"},
		{"high then high", `"\ud800\ud800\udc00"`, "", "lone surrogate at offset 1"},
		{"low then high", `"\udc00\ud800"`, "", "lone surrogate at offset 1"},
		{"lone surrogate in key", `{"\udfff":1}`, "", "lone surrogate at offset 2"},
		{"high surrogate at end", `"\ud83d`, "", "unexpected end of input at offset 7"},
		{"byte 0xff", "\"\xff\"", "", "invalid UTF-8 at offset 1"},
		{"continuation byte", "\"\x80\"", "", "invalid UTF-8 at offset 1"},
		{"overlong slash", "\"\xc0\xaf\"", "", "invalid UTF-8 at offset 1"},
		{"overlong three bytes", "\"\xe0\x80\xaf\"", "", "invalid UTF-8 at offset 1"},
		{"encoded surrogate", "\"\xed\xa0\x80\"", "", "invalid UTF-8 at offset 1"},
		{"beyond U+10FFFF", "\"\xf4\x90\x80\x80\"", "", "invalid UTF-8 at offset 1"},
		{"truncated multibyte", "\"\xe2\x82\"", "", "invalid UTF-8 at offset 1"},
		{"truncated multibyte at end", "\"\xe2\x82", "", "unexpected end of input at offset 3"},
		{"invalid UTF-8 after 8 ASCII", "\"abcdefghij\xff\"", "", "invalid UTF-8 at offset 11"},
		{"invalid UTF-8 in key", "{\"\xff\":1}", "", "invalid UTF-8 at offset 2"},
		{"duplicate key", `{"a":1,"a":2}`, "a", "duplicate key at offset 7"},
		{"duplicate key through escape", `{"a":1,"\u0061":2}`, "a", "duplicate key at offset 7"},
		{"duplicate escaped keys", `{"\u00e9":1,"\u00E9":2}`, "é", "duplicate key at offset 12"},
		{"duplicate key after others", `{"a":1,"b":2,"c":3,"b":4}`, "b", "duplicate key at offset 19"},
		{"duplicate nested", `{"x":{"b":1,"b":2}}`, "x.b", "duplicate key at offset 12"},
		{"duplicate in array element", `[{"y":1},{"y":1,"y":1}]`, "[1].y", "duplicate key at offset 16"},
		{"error inside nesting", `{"a":[1,2,{"b":tru}]}`, "a[2].b", "invalid character '}' at offset 18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := []errRow{{tt.path, tt.rule, "malformed"}}
			err := check([]byte(tt.in))
			if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
				t.Errorf("Raw(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			// The typed readers give the same error through Object and Array.
			d := jsonwire.NewDecoder([]byte(tt.in))
			err = walk(d)
			if err == nil {
				err = d.End()
			}
			if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
				t.Errorf("walk(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if !jsonwire.IsHard(err) {
				t.Errorf("IsHard(%v) = false", err)
			}
			var fe *lead.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("hard error %v is not a *lead.FieldError", err)
			}
		})
	}
}

// TestTruncated cuts documents at every byte offset: each cut must give a
// hard error, never a panic and never success.
func TestTruncated(t *testing.T) {
	docs := map[string]string{
		"lead":   leadDoc,
		"nested": `{"a":[1,-2.5e+3,true,false,null,"x\u00e9\ud83d\ude00y",{"b":{}},[]],"c":"\\\"\/"}`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			for n := range len(doc) {
				in := []byte(doc[:n])
				if err := check(in); !jsonwire.IsHard(err) {
					t.Errorf("Raw(%q): got %v, want a hard error", in, err)
				}
				d := jsonwire.NewDecoder(in)
				if err := walk(d); !jsonwire.IsHard(err) {
					t.Errorf("walk(%q): got %v, want a hard error", in, err)
				}
				var l testLead
				d.Reset(in)
				if err := decodeLead(d, &l); !jsonwire.IsHard(err) {
					t.Errorf("decodeLead(%q): got %v, want a hard error", in, err)
				}
			}
		})
	}
}

func TestDecodeLead(t *testing.T) {
	var got testLead
	d := jsonwire.NewDecoder([]byte(leadDoc))
	if err := decodeLead(d, &got); err != nil {
		t.Fatal(err)
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	var want testLead
	if err := json.Unmarshal([]byte(leadDoc), &want); err != nil {
		t.Fatal(err)
	}
	want.Custom = map[string]json.RawMessage{
		"d4de1c1518b4531717c676029a45911c340390a6": json.RawMessage(`"Gold"`),
		"9dc80c50d78a15b5d4a1b7d4a3c1f5e6a7b8c9d0": json.RawMessage(`42`),
		"1f3e5a7c9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a": json.RawMessage(`"\ud83d\ude00 VIP, 東京"`),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decodeLead mismatch (-want +got):\n%s", diff)
	}
	if got.Title != "Jürgen Müller GmbH – renewal \"Gold\"" {
		t.Errorf("title = %q", got.Title)
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", `"abc"`, "abc"},
		{"short escapes", `"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{"unicode escapes", `"\u00e9\u00C9\u20ac"`, "éÉ€"},
		{"surrogate pair", `"\ud83d\ude00"`, "😀"},
		{"pair between text", `"a\uD83D\uDE00b"`, "a😀b"},
		{"NUL", `"\u0000"`, "\x00"},
		{"raw multibyte", `"東京 😀"`, "東京 😀"},
		{"escape after 8 bytes", `"abcdefgh\nijklmnop"`, "abcdefgh\nijklmnop"},
		{"multibyte at word edge", `"abcdefg€hijklmn"`, "abcdefg€hijklmn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := jsonwire.NewDecoder([]byte(tt.in))
			got, err := d.String()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("String(%s) = %q, want %q", tt.in, got, tt.want)
			}
			d.Reset([]byte(tt.in))
			b, err := d.StringBytes()
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("StringBytes(%s) = %q, want %q", tt.in, b, tt.want)
			}
		})
	}
}

func TestKeysUnescaped(t *testing.T) {
	var keys []string
	d := jsonwire.NewDecoder([]byte(`{"ti\u0074le":1,"\ud83d\ude00":2,"plain":3}`))
	err := d.Object(func(key []byte) error {
		keys = append(keys, string(key))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"title", "😀", "plain"}, keys); diff != "" {
		t.Errorf("keys mismatch (-want +got):\n%s", diff)
	}
}

// TestKeyStableDuringCallback checks that an escaped key stays intact while
// the callback reads a nested object with many escaped keys of its own.
func TestKeyStableDuringCallback(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"\u006futer":{`)
	for i := range 300 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"\u006b` + strconv.Itoa(i) + `":` + strconv.Itoa(i))
	}
	b.WriteString(`}}`)
	d := jsonwire.NewDecoder([]byte(b.String()))
	inner := 0
	err := d.Object(func(key []byte) error {
		err := d.Object(func(k []byte) error {
			if want := "k" + strconv.Itoa(inner); string(k) != want {
				t.Errorf("inner key %q, want %q", k, want)
			}
			inner++
			_, err := d.Int64()
			return err
		})
		if string(key) != "outer" {
			t.Errorf("outer key changed to %q", key)
		}
		return err
	})
	if err != nil || inner != 300 {
		t.Errorf("Object: err %v, %d inner keys", err, inner)
	}
}

func TestInt64(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		rule string // "" for success
	}{
		{`0`, 0, ""},
		{`-0`, 0, ""},
		{`42`, 42, ""},
		{`-42`, -42, ""},
		{`9223372036854775807`, math.MaxInt64, ""},
		{`-9223372036854775808`, math.MinInt64, ""},
		{`9223372036854775808`, 0, "out of int64 range"},
		{`-9223372036854775809`, 0, "out of int64 range"},
		{`18446744073709551616`, 0, "out of int64 range"},
		{`123456789012345678901234567890`, 0, "out of int64 range"},
		{`1.0`, 0, "want integer"},
		{`1.5`, 0, "want integer"},
		{`1e2`, 0, "want integer"},
		{`"1"`, 0, "want number, got string"},
		{`true`, 0, "want number, got bool"},
		{`null`, 0, "want number, got null"},
		{`{"a":1}`, 0, "want number, got object"},
		{`[1]`, 0, "want number, got array"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := jsonwire.NewDecoder([]byte(tt.in))
			got, err := d.Int64()
			if tt.rule == "" {
				if err != nil || got != tt.want {
					t.Errorf("Int64(%s) = %d, %v; want %d", tt.in, got, err, tt.want)
				}
			} else {
				var fe *lead.FieldError
				if !errors.As(err, &fe) || fe.Rule != tt.rule || jsonwire.IsHard(err) {
					t.Errorf("Int64(%s) error = %v, want soft %q", tt.in, err, tt.rule)
				}
				wantCause := lead.ErrInvalid
				if strings.HasPrefix(tt.rule, "want number") {
					wantCause = lead.ErrType
				}
				if !errors.Is(err, wantCause) {
					t.Errorf("Int64(%s) error %v does not wrap %v", tt.in, err, wantCause)
				}
			}
			// Whatever happened, the value is consumed.
			if err := d.End(); err != nil {
				t.Errorf("End after Int64(%s): %v", tt.in, err)
			}
		})
	}
}

func TestReaders(t *testing.T) {
	d := jsonwire.NewDecoder([]byte(` [ true , false , null , -1.25e+3 , "s" , {"k":[]} ] `))
	var got []string
	err := d.Array(func(i int) error {
		k := d.Peek()
		var v string
		switch k {
		case jsonwire.Bool:
			b, err := d.Bool()
			if err != nil {
				return err
			}
			v = strconv.FormatBool(b)
		case jsonwire.Null:
			if !d.Null() {
				t.Errorf("Null() = false at element %d", i)
			}
			v = "null"
		case jsonwire.Number:
			n, err := d.Number()
			if err != nil {
				return err
			}
			v = string(n)
		case jsonwire.String:
			s, err := d.String()
			if err != nil {
				return err
			}
			v = s
		default:
			raw, err := d.Raw()
			if err != nil {
				return err
			}
			v = string(raw)
		}
		got = append(got, k.String()+" "+v)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	want := []string{"bool true", "bool false", "null null", "number -1.25e+3", "string s", `object {"k":[]}`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("elements mismatch (-want +got):\n%s", diff)
	}
}

func TestPeekAndNull(t *testing.T) {
	tests := []struct {
		in   string
		kind jsonwire.Kind
		null bool
	}{
		{``, jsonwire.Invalid, false},
		{`  `, jsonwire.Invalid, false},
		{`x`, jsonwire.Invalid, false},
		{` null`, jsonwire.Null, true},
		{`nul`, jsonwire.Null, false},
		{`nullx`, jsonwire.Null, false},
		{`null,`, jsonwire.Null, true},
		{`true`, jsonwire.Bool, false},
		{`-`, jsonwire.Number, false},
		{`"`, jsonwire.String, false},
		{`{`, jsonwire.Object, false},
		{`[`, jsonwire.Array, false},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.in), func(t *testing.T) {
			d := jsonwire.NewDecoder([]byte(tt.in))
			if got := d.Peek(); got != tt.kind {
				t.Errorf("Peek() = %v, want %v", got, tt.kind)
			}
			before := d.Offset()
			if got := d.Null(); got != tt.null {
				t.Errorf("Null() = %v, want %v", got, tt.null)
			}
			if !tt.null && d.Offset() != before {
				t.Errorf("Null() = false moved from %d to %d", before, d.Offset())
			}
		})
	}
}

func TestDepth(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
	}
	nestObj := func(n int) []byte {
		return []byte(strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n))
	}
	tests := []struct {
		name  string
		in    []byte
		max   int
		depth int // 0: valid; else the rule's depth
		off   int
	}{
		{"64 arrays", nest(64), 0, 0, 0},
		{"65 arrays", nest(65), 0, 64, 64},
		{"64 objects", nestObj(64), 0, 0, 0},
		{"65 objects", nestObj(65), 0, 64, 64 * 5},
		{"a million arrays", nest(1_000_000), 0, 64, 64},
		{"max 3 allows 3", nest(3), 3, 0, 0},
		{"max 3 rejects 4", nest(4), 3, 3, 3},
		{"max 1000", nest(1000), 1000, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []errRow
			if tt.depth > 0 {
				want = []errRow{{"", "nesting deeper than " + strconv.Itoa(tt.depth) + " at offset " + strconv.Itoa(tt.off), "malformed"}}
			}
			d := jsonwire.NewDecoder(tt.in)
			d.SetMaxDepth(tt.max)
			_, err := d.Raw()
			got := rowsOf(t, err)
			for i := range got {
				got[i].Path = "" // Raw names the path; compared below through walk
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Raw mismatch (-want +got):\n%s", diff)
			}
			d.Reset(tt.in)
			err = walk(d)
			got = rowsOf(t, err)
			for i := range got {
				got[i].Path = ""
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("walk mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("path", func(t *testing.T) {
		d := jsonwire.NewDecoder([]byte(`{"a":[{"b":[[[1]]]}]}`))
		d.SetMaxDepth(5)
		want := []errRow{{"a[0].b[0][0]", "nesting deeper than 5 at offset 13", "malformed"}}
		if diff := cmp.Diff(want, rowsOf(t, walk(d))); diff != "" {
			t.Errorf("walk mismatch (-want +got):\n%s", diff)
		}
		d.Reset([]byte(`{"a":[{"b":[[[1]]]}]}`))
		_, err := d.Raw()
		if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
			t.Errorf("Raw mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestLongInput(t *testing.T) {
	t.Run("10 MB string", func(t *testing.T) {
		var b strings.Builder
		b.WriteByte('"')
		chunk := `abcdefghijklmnopqrstuvwxyz0123456789 äöü €😀 \n\"\u00e9\ud83d\ude00 `
		for b.Len() < 10<<20 {
			b.WriteString(chunk)
		}
		b.WriteByte('"')
		doc := []byte(b.String())
		d := jsonwire.NewDecoder(doc)
		s, err := d.StringBytes()
		if err != nil {
			t.Fatal(err)
		}
		var want string
		if err := json.Unmarshal(doc, &want); err != nil {
			t.Fatal(err)
		}
		if string(s) != want {
			t.Errorf("10 MB string differs from encoding/json's reading")
		}
		if err := check(doc); err != nil {
			t.Error(err)
		}
		doc[len(doc)-2] = 0xff
		if err := check(doc); !jsonwire.IsHard(err) {
			t.Errorf("invalid byte at the end of 10 MB: got %v", err)
		}
	})
	t.Run("long line of values", func(t *testing.T) {
		doc := []byte("[" + strings.Repeat(`1.5,"x",true,null,{"a":[]},`, 200_000) + "0]")
		if err := check(doc); err != nil {
			t.Error(err)
		}
		d := jsonwire.NewDecoder(doc)
		if err := walk(d); err != nil {
			t.Error(err)
		}
	})
	t.Run("object with many keys", func(t *testing.T) {
		var b strings.Builder
		b.WriteByte('{')
		for i := range 200_000 {
			b.WriteString(`"k` + strconv.Itoa(i) + `":0,`)
		}
		ok := b.String() + `"k":0}`
		if err := check([]byte(ok)); err != nil {
			t.Error(err)
		}
		d := jsonwire.NewDecoder([]byte(ok))
		if err := walk(d); err != nil {
			t.Error(err)
		}
		dup := b.String() + `"k199999":1}`
		if err := check([]byte(dup)); !jsonwire.IsHard(err) || !strings.Contains(err.Error(), "duplicate key") {
			t.Errorf("late duplicate in a big object: got %v", err)
		}
		d.Reset([]byte(dup))
		if err := walk(d); !jsonwire.IsHard(err) || !strings.Contains(err.Error(), "duplicate key") {
			t.Errorf("late duplicate in a big object through walk: got %v", err)
		}
	})
}

// TestDuplicateKeysAtEveryCount puts a duplicate at every position of
// objects of growing size, across the switch from scan to table.
func TestDuplicateKeysAtEveryCount(t *testing.T) {
	for n := 1; n <= 80; n++ {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = `"key` + strconv.Itoa(i) + `":` + strconv.Itoa(i)
		}
		doc := "{" + strings.Join(keys, ",") + "}"
		if err := check([]byte(doc)); err != nil {
			t.Fatalf("%d distinct keys: %v", n, err)
		}
		for i := range n {
			doc := "{" + strings.Join(keys, ",") + `,"key` + strconv.Itoa(i) + `":0}`
			err := check([]byte(doc))
			want := []errRow{{"key" + strconv.Itoa(i), "duplicate key at offset " + strconv.Itoa(len(doc)-len(`"keyN":0}`)-len(strconv.Itoa(i))+1), "malformed"}}
			if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
				t.Fatalf("%d keys, duplicate of key %d (-want +got):\n%s", n, i, diff)
			}
			d := jsonwire.NewDecoder([]byte(doc))
			if diff := cmp.Diff(want, rowsOf(t, walk(d))); diff != "" {
				t.Fatalf("walk: %d keys, duplicate of key %d (-want +got):\n%s", n, i, diff)
			}
		}
	}
}

func TestSoftErrors(t *testing.T) {
	doc := `{"title": 5, "value": {"amount": "12", "currency": "EUR"}, "label_ids": ["a", 2, "c", {"x": [1]}],
		"person_id": 1.5, "owner_id": 99999999999999999999, "is_archived": "no", "organization_id": null,
		"channel": [1, 2], "source_name": "ok"}`
	var l testLead
	d := jsonwire.NewDecoder([]byte(doc))
	err := decodeLead(d, &l)
	want := []errRow{
		{"title", "want string, got number", "type"},
		{"value.amount", "want number, got string", "type"},
		{"label_ids[1]", "want string, got number", "type"},
		{"label_ids[3]", "want string, got object", "type"},
		{"person_id", "want integer", "invalid"},
		{"owner_id", "out of int64 range", "invalid"},
		{"is_archived", "want bool, got string", "type"},
		{"channel", "want number, got array", "type"},
	}
	if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
		t.Errorf("decodeLead errors mismatch (-want +got):\n%s", diff)
	}
	if jsonwire.IsHard(err) {
		t.Errorf("IsHard(%v) = true", err)
	}
	if _, ok := err.(lead.ErrorList); !ok {
		t.Errorf("soft errors are a %T, want lead.ErrorList", err)
	}
	if err := d.End(); err != nil {
		t.Errorf("End: %v", err)
	}
	// Decoding went on after each error.
	if l.SourceName != "ok" || l.Value == nil || l.Value.Currency != "EUR" || len(l.LabelIDs) != 2 {
		t.Errorf("decoding stopped early: %+v", l)
	}
	wantText := "title: want string, got number: wrong JSON type"
	if got := strings.Split(err.Error(), "\n")[0]; got != wantText {
		t.Errorf("first line %q, want %q", got, wantText)
	}
}

func TestHardErrorAfterSoft(t *testing.T) {
	doc := `{"title": 5, "value": {"amount": 1, "currency": "EUR"x}, "source_name": "never read"}`
	var l testLead
	d := jsonwire.NewDecoder([]byte(doc))
	err := decodeLead(d, &l)
	want := []errRow{{"value.currency", "invalid character 'x' at offset 53", "malformed"}}
	if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
		t.Errorf("decodeLead error mismatch (-want +got):\n%s", diff)
	}
	if l.SourceName != "" {
		t.Errorf("decoding went on after a hard error")
	}
	// The error sticks.
	if _, err2 := d.String(); err2 != err {
		t.Errorf("String after a hard error: %v, want the same error", err2)
	}
	if d.Peek() != jsonwire.Invalid || d.Null() {
		t.Errorf("Peek or Null succeed after a hard error")
	}
	if err2 := d.End(); err2 != err {
		t.Errorf("End after a hard error: %v", err2)
	}
	d.Reset([]byte(`1`))
	if n, err := d.Int64(); err != nil || n != 1 {
		t.Errorf("after Reset: %d, %v", n, err)
	}
}

func TestCallbacks(t *testing.T) {
	errOwn := errors.New("own check")
	tests := []struct {
		name string
		in   string
		fn   func(d *jsonwire.Decoder, key string) error
		want []errRow
	}{
		{
			name: "unread values are skipped",
			in:   `{"a":{"deep":[1,{"x":"y"}]},"b":2}`,
			fn:   func(*jsonwire.Decoder, string) error { return nil },
		},
		{
			name: "soft error without reading skips the value",
			in:   `{"a":[1,2],"b":2}`,
			fn: func(_ *jsonwire.Decoder, key string) error {
				return &lead.FieldError{Rule: "unknown field", Err: lead.ErrUnsupported}
			},
			want: []errRow{{"a", "unknown field", "other"}, {"b", "unknown field", "other"}},
		},
		{
			name: "plain error becomes a soft invalid",
			in:   `{"a":1}`,
			fn: func(d *jsonwire.Decoder, _ string) error {
				_, _ = d.Int64()
				return errOwn
			},
			want: []errRow{{"a", "invalid", "other"}},
		},
		{
			name: "nested error list gets the prefix",
			in:   `{"a":{"b":1}}`,
			fn: func(d *jsonwire.Decoder, key string) error {
				return d.Object(func([]byte) error {
					var l lead.ErrorList
					l.Add("c", "one", lead.ErrInvalid)
					l.Add("[2]", "two", lead.ErrInvalid)
					return l
				})
			},
			want: []errRow{{"a.b.c", "one", "invalid"}, {"a.b[2]", "two", "invalid"}},
		},
		{
			name: "ignored hard error still stops",
			in:   `{"a":"\x","b":1}`,
			fn: func(d *jsonwire.Decoder, _ string) error {
				_, _ = d.String()
				return nil
			},
			want: []errRow{{"a", "invalid escape at offset 6", "malformed"}},
		},
		{
			name: "own hard error stops",
			in:   `{"a":1,"b":2}`,
			fn: func(*jsonwire.Decoder, string) error {
				return &lead.FieldError{Path: "x", Rule: "record larger than 5 bytes", Err: lead.ErrMalformed}
			},
			want: []errRow{{"a.x", "record larger than 5 bytes", "malformed"}},
		},
		{
			name: "value read twice",
			in:   `{"a":1,"b":2}`,
			fn: func(d *jsonwire.Decoder, _ string) error {
				_, _ = d.Int64()
				_, err := d.Int64()
				return err
			},
			want: []errRow{{"a", "invalid character ',' at offset 6", "malformed"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := jsonwire.NewDecoder([]byte(tt.in))
			err := d.Object(func(key []byte) error { return tt.fn(d, string(key)) })
			if diff := cmp.Diff(tt.want, rowsOf(t, err)); diff != "" {
				t.Errorf("Object(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if tt.want == nil || !jsonwire.IsHard(err) {
				if err := d.End(); err != nil {
					t.Errorf("End: %v", err)
				}
			}
		})
	}
}

func TestNotAnObject(t *testing.T) {
	tests := []struct {
		in   string
		rule string
	}{
		{`[1,2]`, "want object, got array"},
		{`"s"`, "want object, got string"},
		{`null`, "want object, got null"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := jsonwire.NewDecoder([]byte(tt.in))
			err := d.Object(func([]byte) error { t.Error("callback called"); return nil })
			want := []errRow{{"", tt.rule, "type"}}
			if diff := cmp.Diff(want, rowsOf(t, err)); diff != "" {
				t.Errorf("Object(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if err := d.End(); err != nil {
				t.Errorf("value not skipped: %v", err)
			}
		})
	}
	d := jsonwire.NewDecoder([]byte(`{"a":1}`))
	err := d.Array(func(int) error { t.Error("callback called"); return nil })
	if diff := cmp.Diff([]errRow{{"", "want array, got object", "type"}}, rowsOf(t, err)); diff != "" {
		t.Errorf("Array mismatch (-want +got):\n%s", diff)
	}
}

func TestRawAliasesInput(t *testing.T) {
	doc := []byte(` {"a" : [1, 2]} `)
	d := jsonwire.NewDecoder(doc)
	raw, err := d.Raw()
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != `{"a" : [1, 2]}` {
		t.Errorf("Raw = %q", raw)
	}
	if cap(raw) != len(raw) {
		t.Errorf("Raw's capacity %d lets appends overwrite the input", cap(raw))
	}
	if d.Offset() != len(doc)-1 {
		t.Errorf("Offset() = %d, want %d", d.Offset(), len(doc)-1)
	}
}

func TestZeroDecoder(t *testing.T) {
	var d jsonwire.Decoder
	if _, err := d.Raw(); !jsonwire.IsHard(err) {
		t.Errorf("zero Decoder Raw: %v, want end of input", err)
	}
	d.Reset([]byte(`"ok"`))
	if s, err := d.String(); s != "ok" || err != nil {
		t.Errorf("String() = %q, %v", s, err)
	}
}

func TestNoAllocations(t *testing.T) {
	doc := []byte(leadDoc)
	d := jsonwire.NewDecoder(doc)
	var sink int
	allocs := testing.AllocsPerRun(100, func() {
		d.Reset(doc)
		if err := scanLead(d, &sink); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("decoding the lead with StringBytes allocates %.1f times", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() {
		d.Reset(doc)
		if _, err := d.Raw(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Raw allocates %.1f times", allocs)
	}
}

// scanLead reads every key of leadDoc with the typed readers without
// keeping anything; sink sums the lengths so nothing is optimized away.
func scanLead(d *jsonwire.Decoder, sink *int) error {
	return d.Object(func(key []byte) error {
		switch string(key) {
		case "id", "title", "source_name", "expected_close_date", "add_time", "update_time", "visible_to", "cc_email":
			s, err := d.StringBytes()
			*sink += len(s)
			return err
		case "owner_id", "person_id", "channel":
			n, err := d.Int64()
			*sink += int(n)
			return err
		case "organization_id", "origin_id", "channel_id", "next_activity_id":
			if d.Null() {
				return nil
			}
			_, err := d.Raw()
			return err
		case "is_archived", "was_seen":
			b, err := d.Bool()
			if b {
				*sink++
			}
			return err
		case "label_ids":
			return d.Array(func(int) error {
				s, err := d.StringBytes()
				*sink += len(s)
				return err
			})
		case "value":
			return d.Object(func(key []byte) error {
				if string(key) == "amount" {
					n, err := d.Number()
					*sink += len(n)
					return err
				}
				s, err := d.StringBytes()
				*sink += len(s)
				return err
			})
		}
		raw, err := d.Raw()
		*sink += len(raw)
		return err
	})
}

func TestKindString(t *testing.T) {
	want := []string{"invalid", "null", "bool", "number", "string", "object", "array", "invalid"}
	var got []string
	for k := jsonwire.Invalid; k <= jsonwire.Array+1; k++ {
		got = append(got, k.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Kind names mismatch (-want +got):\n%s", diff)
	}
}

var _ = utf8.RuneError
