package jsonwire_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
)

func TestEqual(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"same text", `{"a":1}`, `{"a":1}`, true},
		{"whitespace", ` { "a" : [ 1 , 2 ] } `, `{"a":[1,2]}`, true},
		{"key order", `{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{"missing key", `{"a":1,"b":2}`, `{"a":1}`, false},
		{"extra key", `{"a":1}`, `{"a":1,"b":null}`, false},
		{"other key", `{"a":1}`, `{"b":1}`, false},
		{"case matters in keys", `{"a":1}`, `{"A":1}`, false},
		{"escaped key", `{"\u0061":1}`, `{"a":1}`, true},
		{"array order", `[1,2]`, `[2,1]`, false},
		{"array length", `[1,2]`, `[1,2,3]`, false},
		{"empty containers", `[]`, `{}`, false},
		{"trailing zeros", `1.50`, `1.5`, true},
		{"exponent", `1e2`, `100`, true},
		{"negative exponent", `15e-1`, `1.5`, true},
		{"upper exponent with plus", `0.15E+1`, `1.5`, true},
		{"negative zero", `-0`, `0`, true},
		{"zero forms", `0.000e5`, `-0.0`, true},
		{"sign", `-1`, `1`, false},
		{"close numbers", `0.1`, `0.10000000000000001`, false},
		{"beyond float64", `12345678901234567890123`, `12345678901234567890124`, false},
		{"huge exponent", `1e999999999999999999999`, `10e999999999999999999998`, true},
		{"huge exponent differs", `1e999999999999999999999`, `1e999999999999999999998`, false},
		{"number vs string", `1`, `"1"`, false},
		{"string escapes", `"\u00e9\n\/"`, "\"é\\n/\"", true},
		{"surrogate pair vs raw", `"\ud83d\ude00"`, `"😀"`, true},
		{"strings differ", `"a"`, `"b"`, false},
		{"bools", `true`, `true`, true},
		{"bools differ", `true`, `false`, false},
		{"null", `null`, `null`, true},
		{"null vs false", `null`, `false`, false},
		{"nested", `{"a":[{"b":1.0},{"c":"\u0078"}]}`, `{"a":[{"b":1},{"c":"x"}]}`, true},
		{"nested differs", `{"a":[{"b":1.0},{"c":"x"}]}`, `{"a":[{"b":1},{"c":"y"}]}`, false},
		{"lead with itself compacted", leadDoc, string(jsonwire.Compact(nil, []byte(leadDoc))), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonwire.Equal([]byte(tt.a), []byte(tt.b))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Equal(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if back, _ := jsonwire.Equal([]byte(tt.b), []byte(tt.a)); back != got {
				t.Errorf("Equal is not symmetric on %s, %s", tt.a, tt.b)
			}
		})
	}
}

func TestEqualInvalid(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"a invalid", `{`, `{}`},
		{"b invalid", `{}`, `[1,]`},
		{"two values", `1 2`, `1`},
		{"duplicate key", `{"a":1,"a":1}`, `{"a":1}`},
		{"lone surrogate", `"\ud800"`, `"x"`},
		{"empty", ``, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonwire.Equal([]byte(tt.a), []byte(tt.b))
			if got || !jsonwire.IsHard(err) {
				t.Errorf("Equal(%q, %q) = %v, %v; want false and a hard error", tt.a, tt.b, got, err)
			}
		})
	}
}

func TestCompact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", ``, ``},
		{"scalar", ` 1 `, `1`},
		{"object", "{ \"a\" :\t[ 1 ,\n 2 ] ,\r\n \"b\" : { } }", `{"a":[1,2],"b":{}}`},
		{"spaces in strings stay", `[ "a b" , " " ]`, `["a b"," "]`},
		{"escaped quote", `[ "a\" b" , "c \\" , "d" ]`, `["a\" b","c \\","d"]`},
		{"escapes stay", `"\u00e9 \n"`, `"\u00e9 \n"`},
		{"no HTML escaping", `{ "h" : "<b>&</b>" }`, `{"h":"<b>&</b>"}`},
		{"already compact", leadDoc, leadDoc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(jsonwire.Compact([]byte("x"), []byte(tt.in)))
			if diff := cmp.Diff("x"+tt.want, got); diff != "" {
				t.Errorf("Compact(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
