package jsonwire_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// FuzzDecoder checks the Decoder against encoding/json. Run:
//
//	go test ./internal/jsonwire -run '^$' -fuzz '^FuzzDecoder$' -fuzztime 60s
//
// No input panics. Raw followed by End succeeds exactly when json.Valid
// accepts the input and it has valid UTF-8, no lone surrogate escape, no
// duplicate key and no nesting deeper than the default limit; it then
// returns the input without its surrounding whitespace. The typed readers
// agree with Raw, and Compact and Equal hold on what Raw accepts.
func FuzzDecoder(f *testing.F) {
	for _, seed := range []string{
		leadDoc,
		`{"a":[1,-2.5e+3,true,false,null,"x\u00e9\ud83d\ude00y",{"b":{}},[]],"c":"\\\"\/"}`,
		`{"a":1,"a":2}`,
		`{"a":1,"\u0061":2}`,
		`{"TITLE":1,"title":2}`,
		`"\ud800"`,
		`"\udc00\ud800"`,
		"\"\xff\xc0\xaf\"",
		`[1,2`,
		`-0.0e+1`,
		` [ 01 ] `,
		strings.Repeat("[", 65) + strings.Repeat("]", 65),
		strings.Repeat(`{"a":`, 64) + "1" + strings.Repeat("}", 64),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := referenceAccepts(data)

		d := jsonwire.NewDecoder(data)
		raw, err := d.Raw()
		if err == nil {
			err = d.End()
		}
		if (err == nil) != want {
			t.Fatalf("Raw+End(%q): error %v, reference accepts: %v", data, err, want)
		}
		if err != nil {
			var fe *lead.FieldError
			if !jsonwire.IsHard(err) || !errors.As(err, &fe) {
				t.Fatalf("Raw+End(%q): %v (%T) is not a hard *lead.FieldError", data, err, err)
			}
		} else if trimmed := bytes.Trim(data, " \t\n\r"); !bytes.Equal(raw, trimmed) {
			t.Fatalf("Raw(%q) = %q, want %q", data, raw, trimmed)
		}

		d.Reset(data)
		werr := walk(d)
		if werr == nil {
			werr = d.End()
		}
		if (werr == nil) != (err == nil) {
			t.Fatalf("walk(%q): %v, but Raw: %v", data, werr, err)
		}
		if werr != nil && !jsonwire.IsHard(werr) {
			t.Fatalf("walk(%q): soft error %v where only hard ones can occur", data, werr)
		}

		// The lead decoder meets every kind of mismatch; its errors all name paths.
		var l testLead
		d.Reset(data)
		if lerr := decodeLead(d, &l); lerr != nil {
			var fe *lead.FieldError
			var list lead.ErrorList
			if !errors.As(lerr, &fe) && !errors.As(lerr, &list) {
				t.Fatalf("decodeLead(%q): %v (%T) names no path", data, lerr, lerr)
			}
		}

		if err != nil {
			return
		}
		compact := jsonwire.Compact(nil, data)
		if !json.Valid(compact) {
			t.Fatalf("Compact(%q) = %q is not valid JSON", data, compact)
		}
		if eq, err := jsonwire.Equal(data, compact); err != nil || !eq {
			t.Fatalf("Equal(%q, Compact) = %v, %v", data, eq, err)
		}
		var std bytes.Buffer
		if err := json.Compact(&std, data); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(compact, std.Bytes()) {
			t.Fatalf("Compact(%q) = %q, encoding/json: %q", data, compact, std.Bytes())
		}
	})
}

// referenceAccepts is the fuzz oracle, built on encoding/json and written
// independently of the Decoder.
func referenceAccepts(data []byte) bool {
	if !json.Valid(data) || !utf8.Valid(data) || hasLoneSurrogate(data) {
		return false
	}
	type container struct {
		keys    map[string]bool // nil for an array
		wantKey bool
	}
	var stack []*container
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers beyond float64 ("1E1000") are valid JSON
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		if key, ok := tok.(string); ok && len(stack) > 0 && stack[len(stack)-1].wantKey {
			top := stack[len(stack)-1]
			if top.keys[key] {
				return false // duplicate key
			}
			top.keys[key] = true
			top.wantKey = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &container{keys: map[string]bool{}, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &container{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
		if len(stack) > jsonwire.DefaultMaxDepth {
			return false
		}
	}
}

// hasLoneSurrogate reports whether valid JSON text has a \u escape of a
// surrogate that is not part of a high-low pair.
func hasLoneSurrogate(data []byte) bool {
	escape := func(i int) (rune, bool) { // the \uXXXX at data[i:], if any
		if i+6 > len(data) || data[i] != '\\' || data[i+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 32)
		return rune(v), err == nil
	}
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\':
			r, ok := escape(i)
			if !ok {
				i++ // a two-byte escape
				continue
			}
			if utf16.IsSurrogate(r) {
				r2, ok := escape(i + 6)
				if r >= 0xDC00 || !ok || utf16.DecodeRune(r, r2) == utf8.RuneError {
					return true
				}
				i += 6
			}
			i += 5
		}
	}
	return false
}
