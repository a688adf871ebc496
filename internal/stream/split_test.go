package stream

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update for this test binary
	"github.com/leadbridge/leadbridge/lead"
)

// got is what a test compares of a Record.
type got struct {
	Line, Index int
	Data        string
	NoData      bool   // Data is nil
	Err         string // the redacted error(s), "; "-joined; "" when accepted
}

// errString returns the FieldErrors of err in redacted form.
func errString(err error) string {
	if err == nil {
		return ""
	}
	var list lead.ErrorList
	var fe *lead.FieldError
	switch {
	case errors.As(err, &list):
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = e.Redacted()
		}
		return strings.Join(parts, "; ")
	case errors.As(err, &fe):
		return fe.Redacted()
	}
	return "not a FieldError: " + err.Error()
}

// splitAll runs a Splitter over in and checks what every run must satisfy:
// each record's Data is the input at its Offset, records do not overlap,
// and the records' bytes plus the skipped bytes are the whole input.
func splitAll(t testing.TB, in []byte, opt Options) ([]Record, []got) {
	t.Helper()
	s := NewSplitter(bytes.NewReader(in), "in.json", opt)
	var recs []Record
	var gots []got
	var prevEnd, sum int64
	for n := 0; ; n++ {
		if n > len(in)+2 {
			t.Fatalf("more records than input bytes: the splitter does not advance")
		}
		r, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if r.Offset < prevEnd || r.Offset > int64(len(in)) {
			t.Fatalf("record %d at offset %d overlaps the previous record, which ends at %d", n, r.Offset, prevEnd)
		}
		if r.Data != nil {
			end := r.Offset + int64(len(r.Data))
			if end > int64(len(in)) || !bytes.Equal(r.Data, in[r.Offset:end]) {
				t.Fatalf("record %d: Data %q is not the input at offset %d", n, r.Data, r.Offset)
			}
			prevEnd = end
		}
		if r.Err == nil && (r.Data == nil || r.Data[0] != '{') {
			t.Fatalf("record %d: accepted but not an object: %q", n, r.Data)
		}
		if r.Pos.File != "in.json" {
			t.Fatalf("record %d: file %q", n, r.Pos.File)
		}
		sum += int64(len(r.Data))
		recs = append(recs, Record{Pos: r.Pos, Offset: r.Offset, Data: bytes.Clone(r.Data), Err: r.Err})
		gots = append(gots, got{Line: r.Pos.Line, Index: r.Pos.Index, Data: string(r.Data), NoData: r.Data == nil, Err: errString(r.Err)})
	}
	if s.Offset() != int64(len(in)) {
		t.Fatalf("consumed %d bytes of %d", s.Offset(), len(in))
	}
	if sum+s.Skipped() != int64(len(in)) {
		t.Fatalf("records (%d bytes) + skipped (%d bytes) != input (%d bytes)", sum, s.Skipped(), len(in))
	}
	if _, err := s.Next(); err != io.EOF {
		t.Fatalf("Next after the end: %v, want io.EOF", err)
	}
	return recs, gots
}

// bufSizes are the read sizes every case runs with: tiny ones put every
// token on a buffer boundary.
var bufSizes = []int{1, 2, 3, 5, 16, 0}

func TestSplit(t *testing.T) {
	const (
		want  = "(root): want object, got "
		syn   = "(root): invalid character "
		trunc = "(root): unexpected end of input"
	)
	deep := `{"a":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + "}\n" + `{"b":1}`
	tests := []struct {
		name string
		in   string
		max  int
		want []got
	}{
		{"object", `{"a":1}`, 0, []got{{Line: 1, Index: -1, Data: `{"a":1}`}}},
		{"object over lines", "\n{\n  \"a\": [1, {\"b\": \"}]\"}],\n  \"c\": \"\\\"{\"\n}\n", 0,
			[]got{{Line: 2, Index: -1, Data: "{\n  \"a\": [1, {\"b\": \"}]\"}],\n  \"c\": \"\\\"{\"\n}"}}},
		{"array", "[\n  {\"a\":1},\n  {\"b\":[2,3]}\n]\n", 0, []got{
			{Line: 2, Index: 0, Data: `{"a":1}`},
			{Line: 3, Index: 1, Data: `{"b":[2,3]}`},
		}},
		{"empty array", " [ ] ", 0, nil},
		{"ndjson", "{\"a\":1}\r\n\r\n{\"b\":\"x\\\"}\"}\r\n\n  {\"c\":3}", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":1}`},
			{Line: 3, Index: -1, Data: `{"b":"x\"}"}`},
			{Line: 5, Index: -1, Data: `{"c":3}`},
		}},
		{"concatenated", `{"a":1}{"b":2} {"c":3}`, 0, []got{
			{Line: 1, Index: -1, Data: `{"a":1}`},
			{Line: 1, Index: -1, Data: `{"b":2}`},
			{Line: 1, Index: -1, Data: `{"c":3}`},
		}},
		{"array then object", "[{\"a\":1}]\n{\"b\":2}", 0, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 2, Index: -1, Data: `{"b":2}`},
		}},
		{"envelope single", "{\n  \"success\": true,\n  \"data\": {\"id\": \"x\"},\n  \"additional_data\": null\n}\n", 0,
			[]got{{Line: 3, Index: -1, Data: `{"id": "x"}`}}},
		{"envelope list", "{\"success\":true,\"data\":[\n{\"id\":1},\n{\"id\":2}\n],\"additional_data\":{\"pagination\":{\"start\":0,\"more_items_in_collection\":false,\"ids\":[1,2]}}}", 0,
			[]got{{Line: 2, Index: 0, Data: `{"id":1}`}, {Line: 3, Index: 1, Data: `{"id":2}`}}},
		{"envelope list, data first", "{\"data\":[\n{\"id\":1},\n{\"id\":2}\n],\"success\":true}", 0,
			[]got{{Line: 2, Index: 0, Data: `{"id":1}`}, {Line: 3, Index: 1, Data: `{"id":2}`}}},
		{"envelope single, data first", `{"data":{"id":1},"additional_data":null,"success":true}`, 0,
			[]got{{Line: 1, Index: -1, Data: `{"id":1}`}}},
		{"envelope escaped keys", `{"succ\u0065ss":true,"d\u0061ta":[{"id":1}]}`, 0,
			[]got{{Line: 1, Index: 0, Data: `{"id":1}`}}},
		{"envelope data null", `{"success":true,"data":null,"additional_data":null}`, 0, nil},
		{"envelope data string", `{"success":true,"data":"x"}`, 0,
			[]got{{Line: 1, Index: -1, Data: `"x"`, Err: "data: want object, array or null, got string"}}},
		{"envelope array of non-objects", `{"success":true,"data":[1]}`, 0,
			[]got{{Line: 1, Index: 0, Data: `1`, Err: want + "number"}}},
		{"envelopes as ndjson", "{\"success\":true,\"data\":[{\"id\":1}]}\n{\"success\":true,\"data\":{\"id\":2}}\n", 0,
			[]got{{Line: 1, Index: 0, Data: `{"id":1}`}, {Line: 2, Index: -1, Data: `{"id":2}`}}},
		{"error envelope", "{\n  \"success\": false,\n  \"error\": \"Lead not found\",\n  \"data\": null\n}", 0,
			[]got{{Line: 1, Index: -1, Data: "{\n  \"success\": false,\n  \"error\": \"Lead not found\",\n  \"data\": null\n}", Err: "(root): error envelope"}}},
		{"error envelope without data", `{"success":false,"error":"unauthorized access","errorCode":401}`, 0,
			[]got{{Line: 1, Index: -1, Data: `{"success":false,"error":"unauthorized access","errorCode":401}`, Err: "(root): error envelope"}}},
		{"success without data is a record", `{"success":true,"title":"x"}`, 0,
			[]got{{Line: 1, Index: -1, Data: `{"success":true,"title":"x"}`}}},
		{"nested data is a record", `{"x":{"success":true,"data":[1]}}`, 0,
			[]got{{Line: 1, Index: -1, Data: `{"x":{"success":true,"data":[1]}}`}}},
		{"envelope rest broken", "{\"success\":true,\"data\":[{\"id\":1}],\"x\" 1}\n{\"id\":2}", 0, []got{
			{Line: 1, Index: 0, Data: `{"id":1}`},
			{Line: 1, Index: -1, NoData: true, Err: syn + "after object key"},
			{Line: 2, Index: -1, Data: `{"id":2}`},
		}},
		{"envelope truncated", `{"success":true,"data":[{"id":1},`, 0, []got{
			{Line: 1, Index: 0, Data: `{"id":1}`},
			{Line: 1, Index: 1, NoData: true, Err: trunc + ": array not closed"},
		}},
		{"envelope truncated after data", `{"success":true,"data":[]`, 0,
			[]got{{Line: 1, Index: -1, NoData: true, Err: trunc + ": envelope not closed"}}},
		{"bom object", "\xef\xbb\xbf{\"a\":1}", 0, []got{{Line: 1, Index: -1, Data: `{"a":1}`}}},
		{"bom array", "\xef\xbb\xbf [{\"a\":1}]", 0, []got{{Line: 1, Index: 0, Data: `{"a":1}`}}},
		{"bom only", "\xef\xbb\xbf", 0, nil},
		{"bom twice", "\xef\xbb\xbf\xef\xbb\xbf{}", 0, []got{
			{Line: 1, Index: -1, Data: "\xef\xbb\xbf{}", Err: syn + "looking for beginning of value"},
		}},
		{"empty", "", 0, nil},
		{"whitespace only", " \n\t\r\n  ", 0, nil},
		{"truncated array", `[{"a":1},{"b":`, 0, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 1, Index: 1, Data: `{"b":`, Err: trunc},
		}},
		{"truncated array after comma", "[{\"a\":1},\n", 0, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 2, Index: 1, NoData: true, Err: trunc + ": array not closed"},
		}},
		{"truncated object", "{\"a\":{\"b\":1}\n", 0, []got{{Line: 1, Index: -1, Data: `{"a":{"b":1}`, Err: trunc}}},
		{"truncated string", `{"a":"x\"`, 0, []got{{Line: 1, Index: -1, Data: `{"a":"x\"`, Err: trunc}}},
		{"truncated escape", `{"a":"x\`, 0, []got{{Line: 1, Index: -1, Data: `{"a":"x\`, Err: trunc}}},
		{"garbage between ndjson lines", "{\"a\":1}\nnot json\n{\"b\":2}\n\x00\n{\"c\":3}\n", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":1}`},
			{Line: 2, Index: -1, Data: `not json`, Err: "(root): invalid literal"},
			{Line: 3, Index: -1, Data: `{"b":2}`},
			{Line: 4, Index: -1, Data: "\x00", Err: syn + "looking for beginning of value"},
			{Line: 5, Index: -1, Data: `{"c":3}`},
		}},
		{"scalar lines", "42\n\"x\" {\"a\":1}\n{\"b\":2}", 0, []got{
			{Line: 1, Index: -1, Data: `42`, Err: want + "number"},
			{Line: 2, Index: -1, Data: `"x" {"a":1}`, Err: want + "string"},
			{Line: 3, Index: -1, Data: `{"b":2}`},
		}},
		{"line without its closing brace", "{\"a\":{\"b\":1}\n  {\"c\":2}\n", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":{"b":1}`, Err: syn + "after object key:value pair"},
			{Line: 2, Index: -1, Data: `{"c":2}`},
		}},
		{"ndjson line cut short", "{\"a\":1}\n{\"title\": \n{\"b\":2}\n{\"c\":[1,\n2]}\n{\"d\":4}", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":1}`},
			{Line: 2, Index: -1, Data: `{"title":`, Err: syn + "in record: the line ends before the record"},
			{Line: 3, Index: -1, Data: `{"b":2}`},
			{Line: 4, Index: -1, Data: `{"c":[1,`, Err: syn + "in record: the line ends before the record"},
			{Line: 5, Index: -1, Data: `2]}`, Err: want + "number"},
			{Line: 6, Index: -1, Data: `{"d":4}`},
		}},
		{"pretty objects in sequence", "{\n\"a\":1\n}\n{\"b\":\n2}\n{\"c\":3}", 0, []got{
			{Line: 1, Index: -1, Data: "{\n\"a\":1\n}"},
			{Line: 4, Index: -1, Data: "{\"b\":\n2}"},
			{Line: 6, Index: -1, Data: `{"c":3}`},
		}},
		{"ndjson envelopes then a cut line", "{\"success\":true,\"data\":[{\"a\":1}]}\n{\"b\":2}\n{\"c\":\n{\"d\":4}", 0, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 2, Index: -1, Data: `{"b":2}`},
			{Line: 3, Index: -1, Data: `{"c":`, Err: syn + "in record: the line ends before the record"},
			{Line: 4, Index: -1, Data: `{"d":4}`},
		}},
		{"line with an extra brace", "{\"a\":1}}\n{\"b\":2}", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":1}`},
			{Line: 1, Index: -1, Data: `}`, Err: syn + "looking for beginning of value"},
			{Line: 2, Index: -1, Data: `{"b":2}`},
		}},
		{"line with an unterminated string", "{\"a\":\"x}\n{\"b\":2}", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":"x}`, Err: syn + "in string literal"},
			{Line: 2, Index: -1, Data: `{"b":2}`},
		}},
		{"line missing a colon", "{\"a\" 1, \"b\": {\"c\": 2}}\n{\"d\":4}", 0, []got{
			{Line: 1, Index: -1, Data: `{"a" 1, "b": {"c": 2}}`, Err: syn + "after object key"},
			{Line: 2, Index: -1, Data: `{"d":4}`},
		}},
		{"mismatched brackets", "{\"a\":[1}\n{\"b\":2}", 0, []got{
			{Line: 1, Index: -1, Data: `{"a":[1}`, Err: syn + "after array element"},
			{Line: 2, Index: -1, Data: `{"b":2}`},
		}},
		{"over the limit in ndjson", "{\"a\":1}\n{\"big\":\"" + strings.Repeat("x", 40) + "\"}\n{\"b\":2}\n", 20, []got{
			{Line: 1, Index: -1, Data: `{"a":1}`},
			{Line: 2, Index: -1, NoData: true, Err: "(root): max-record-bytes=20"},
			{Line: 3, Index: -1, Data: `{"b":2}`},
		}},
		{"over the limit in an array", "[{\"a\":1},\n{\"big\":[" + strings.Repeat("1,", 20) + "1]},\n{\"b\":2}]", 20, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 2, Index: 1, NoData: true, Err: "(root): max-record-bytes=20"},
			{Line: 3, Index: 2, Data: `{"b":2}`},
		}},
		{"over the limit and broken", "{\"big\":\"" + strings.Repeat("x", 40) + "\n{\"b\":2}\n", 20, []got{
			{Line: 1, Index: -1, NoData: true, Err: syn + "in string literal; (root): max-record-bytes=20"},
			{Line: 2, Index: -1, Data: `{"b":2}`},
		}},
		{"exactly the limit", `{"a":"12345678901"}`, 19, []got{{Line: 1, Index: -1, Data: `{"a":"12345678901"}`}}},
		{"envelope over the limit", `{"success":true,"data":[{"a":1},{"b":"` + strings.Repeat("x", 40) + `"},{"c":3}]}`, 30, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 1, Index: 1, NoData: true, Err: "(root): max-record-bytes=30"},
			{Line: 1, Index: 2, Data: `{"c":3}`},
		}},
		{"array of non-objects", `[1, "two", true, null, [5], -6.5e3]`, 0, []got{
			{Line: 1, Index: 0, Data: `1`, Err: want + "number"},
			{Line: 1, Index: 1, Data: `"two"`, Err: want + "string"},
			{Line: 1, Index: 2, Data: `true`, Err: want + "boolean"},
			{Line: 1, Index: 3, Data: `null`, Err: want + "null"},
			{Line: 1, Index: 4, Data: `[5]`, Err: want + "array"},
			{Line: 1, Index: 5, Data: `-6.5e3`, Err: want + "number"},
		}},
		{"array framing", `[{"a":1} {"b":2},,{"c" 3},{"d":[1}, x, {"e":5},]`, 0, []got{
			{Line: 1, Index: 0, Data: `{"a":1}`},
			{Line: 1, Index: 1, Data: `{"b":2}`, Err: syn + "after array element"},
			{Line: 1, Index: 2, NoData: true, Err: "(root): empty array element"},
			{Line: 1, Index: 3, Data: `{"c" 3}`, Err: syn + "after object key"},
			{Line: 1, Index: 4, Data: `{"d":[1}`, Err: syn + "after array element"},
			{Line: 1, Index: 5, Data: `x`, Err: syn + "looking for beginning of value"},
			{Line: 1, Index: 6, Data: `{"e":5}`},
			{Line: 1, Index: 7, NoData: true, Err: "(root): trailing comma in array"},
		}},
		{"array of words", `[nope, true]`, 0, []got{
			{Line: 1, Index: 0, Data: `nope`, Err: "(root): invalid literal"},
			{Line: 1, Index: 1, Data: `true`, Err: want + "boolean"},
		}},
		{"broken element swallows the rest", "[{\"a\":[1,{\"b\":2}]", 0, []got{
			{Line: 1, Index: 0, Data: `{"a":[1,{"b":2}]`, Err: trunc},
		}},
		{"too deep", deep, 0, []got{
			{Line: 1, Index: -1, Data: deep[:strings.IndexByte(deep, '\n')], Err: "(root): max-depth=10000"},
			{Line: 2, Index: -1, Data: `{"b":1}`},
		}},
		{"control byte in a record", "{\"a\":\x01}\n{\"b\":2}", 0, []got{
			{Line: 1, Index: -1, Data: "{\"a\":\x01}", Err: syn + "looking for beginning of value"},
			{Line: 2, Index: -1, Data: `{"b":2}`},
		}},
		{"scalars are not validated", `{"a":tru,"b":01,"c":"\q"}`, 0, []got{{Line: 1, Index: -1, Data: `{"a":tru,"b":01,"c":"\q"}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, bs := range bufSizes {
				_, gots := splitAll(t, []byte(tt.in), Options{MaxRecordBytes: tt.max, BufferSize: bs})
				if diff := cmp.Diff(tt.want, gots); diff != "" {
					t.Fatalf("buffer size %d: split(%q) mismatch (-want +got):\n%s", bs, tt.in, diff)
				}
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		is    error
		error string // the unredacted message
	}{
		{"syntax", "{\"a\":1\n{\"b\":2}", lead.ErrMalformed, "(root): invalid character after object key:value pair: malformed JSON: found '{' on line 2"},
		{"type", "[1]", lead.ErrType, "(root): want object, got number: wrong JSON type"},
		{"truncated", "{", lead.ErrMalformed, "(root): unexpected end of input: malformed JSON"},
		{"too large", `{"a":"` + strings.Repeat("x", 200) + `"}`, lead.ErrInvalid, "(root): max-record-bytes=100: record exceeds the limit of 100 bytes"},
		{"error envelope", `{"success":false,"error":"Lead not found","error_info":"Please check the docs"}`, lead.ErrInvalid,
			"(root): error envelope: Lead not found (Please check the docs)"},
		{"error envelope without text", `{"success":false}`, lead.ErrInvalid, "(root): error envelope: API error"},
		{"Copper error body", `{"success":false,"status":422,"message":"Validation errors: Name can't be blank"}`, lead.ErrInvalid,
			"(root): error envelope: Validation errors: Name can't be blank"},
		{"error envelope with a code", `{"success":false,"error":{"code":7}}`, lead.ErrInvalid, `(root): error envelope: {"code":7}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _ := splitAll(t, []byte(tt.in), Options{MaxRecordBytes: 100})
			if len(recs) == 0 {
				t.Fatalf("got no records")
			}
			err := recs[0].Err
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var fe *lead.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("%v is not a *lead.FieldError", err)
			}
			if got := err.Error(); got != tt.error {
				t.Errorf("Error() = %q, want %q", got, tt.error)
			}
		})
	}
}

// TestSplitSyntaxErrorPosition checks the cause of a framing error: the
// offending byte, its line and offset.
func TestSplitSyntaxErrorPosition(t *testing.T) {
	in := "{\n\"a\":1}\n{\"b\":2\n  \"c\":3}"
	recs, _ := splitAll(t, []byte(in), Options{})
	var se *SyntaxError
	if len(recs) != 2 || !errors.As(recs[1].Err, &se) {
		t.Fatalf("want a SyntaxError in the second record, got %+v", recs)
	}
	want := SyntaxError{Char: '"', Line: 4, Offset: int64(strings.Index(in, `"c"`))}
	if diff := cmp.Diff(want, *se); diff != "" {
		t.Errorf("SyntaxError mismatch (-want +got):\n%s", diff)
	}
}

// TestSplitReaderError checks that a failing reader ends the split with its
// error, after the records read before it.
func TestSplitReaderError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("{\"a\":1}\n{\"b\":"), iotest.ErrReader(boom))
	s := NewSplitter(r, "x", Options{BufferSize: 4})
	rec, err := s.Next()
	if err != nil || string(rec.Data) != `{"a":1}` {
		t.Fatalf("first Next = %q, %v", rec.Data, err)
	}
	if _, err := s.Next(); !errors.Is(err, boom) {
		t.Fatalf("second Next error = %v, want %v", err, boom)
	}
	if _, err := s.Next(); !errors.Is(err, boom) {
		t.Fatalf("third Next error = %v, want %v", err, boom)
	}
}

// TestSplitNoProgress checks that a reader that returns nothing, forever,
// does not hang the splitter.
func TestSplitNoProgress(t *testing.T) {
	s := NewSplitter(stuckReader{}, "x", Options{})
	if _, err := s.Next(); !errors.Is(err, io.ErrNoProgress) {
		t.Fatalf("Next error = %v, want io.ErrNoProgress", err)
	}
}

type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

// TestSplitOneByteReads checks a reader that returns a byte at a time.
func TestSplitOneByteReads(t *testing.T) {
	in := "\xef\xbb\xbf{\"success\":true,\"data\":[{\"a\":\"\\\"\"},{\"b\":2}]}\n{\"c\":3}"
	s := NewSplitter(iotest.OneByteReader(strings.NewReader(in)), "x", Options{})
	var got []string
	for {
		r, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil || r.Err != nil {
			t.Fatalf("Next = %+v, %v", r, err)
		}
		got = append(got, string(r.Data))
	}
	want := []string{`{"a":"\""}`, `{"b":2}`, `{"c":3}`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
}

// genReader yields n NDJSON lines of the given length without holding them.
type genReader struct {
	n, size int
	line    []byte
	off     int
}

func newGenReader(n, size int) *genReader {
	line := []byte(`{"k":"` + strings.Repeat("v", size-9) + "\"}\n")
	return &genReader{n: n, size: size, line: line}
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.n == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.line[g.off:])
	g.off += n
	if g.off == len(g.line) {
		g.off = 0
		g.n--
	}
	return n, nil
}

// TestSplitBoundedBuffer checks that the buffer never grows past the size
// limit plus one read, whatever the input's length, and shrinks back after
// a large record.
func TestSplitBoundedBuffer(t *testing.T) {
	const limit, bs = 4 << 10, 1 << 10
	big := strings.Repeat("x", 1<<20) // one record far over the limit
	r := io.MultiReader(
		newGenReader(20000, 300),
		strings.NewReader(`{"big":"`+big+"\"}\n"),
		newGenReader(1000, 3000), // records near the limit
		strings.NewReader(`[{"big":"`+big+`"},{"a":1}]`),
		newGenReader(1000, 100),
	)
	s := NewSplitter(r, "x", Options{MaxRecordBytes: limit, BufferSize: bs})
	var n, rejected, peak int
	for {
		rec, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if rec.Err != nil {
			rejected++
		}
		peak = max(peak, len(s.buf))
	}
	if n != 20000+1+1000+2+1000 || rejected != 2 {
		t.Errorf("got %d records, %d rejected; want 22003, 2", n, rejected)
	}
	if peak > limit+bs {
		t.Errorf("buffer grew to %d bytes, more than the limit plus one read (%d)", peak, limit+bs)
	}
	if len(s.buf) > 4*bs {
		t.Errorf("buffer is still %d bytes after the large records", len(s.buf))
	}
}

// TestDataValue checks the offsets that locate an envelope's data.
func TestDataValue(t *testing.T) {
	tests := []struct{ obj, want string }{
		{`{"data":[1, 2] ,"success":true}`, `[1, 2]`},
		{`{"x":{"data":0},"data" : {"a":"}"}}`, `{"a":"}"}`},
		{"{\"data\":\n 12.5e1\n}", `12.5e1`},
		{`{"data":1,"data":"last"}`, `"last"`},
	}
	for _, tt := range tests {
		start, end, ok := dataValue([]byte(tt.obj))
		if !ok {
			t.Fatalf("dataValue(%q) failed", tt.obj)
		}
		if got := tt.obj[start:end]; got != tt.want {
			t.Errorf("dataValue(%q) = %q, want %q", tt.obj, got, tt.want)
		}
	}
	if _, _, ok := dataValue([]byte(`{"success":true}`)); ok {
		t.Errorf("dataValue found data in an object without it")
	}
}
