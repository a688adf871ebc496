package jsonwire

import (
	"bytes"
	"math/big"
)

// Compact appends raw to dst without the whitespace between tokens. String
// contents are copied as they are: nothing is escaped or unescaped. raw
// should be valid JSON (the result of [Decoder.Raw], say); Compact does not
// check it.
func Compact(dst, raw []byte) []byte {
	inString := false
	start := 0 // raw[start:i] is still to be copied
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inString {
			switch c {
			case '\\':
				i++ // the escaped byte cannot end the string
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case ' ', '\t', '\n', '\r':
			dst = append(dst, raw[start:i]...)
			start = i + 1
		}
	}
	return append(dst, raw[start:]...)
}

// Equal reports whether a and b hold the same JSON value: objects with the
// same set of keys (in any order) and equal values under each, arrays with
// equal elements in the same order, strings equal after unescaping, and
// numbers with the same exact decimal value (1.50, 1.5 and 15e-1 are
// equal, as are 100 and 1e2, and -0 and 0). It returns a hard error if a or
// b is not exactly one valid JSON value, by the rules of [Decoder].
func Equal(a, b []byte) (bool, error) {
	ra, err := single(a)
	if err != nil {
		return false, err
	}
	rb, err := single(b)
	if err != nil {
		return false, err
	}
	return equalValue(ra, rb), nil
}

// single checks that doc is one JSON value and returns it without the
// surrounding whitespace.
func single(doc []byte) ([]byte, error) {
	d := NewDecoder(doc)
	raw, err := d.Raw()
	if err != nil {
		return nil, err
	}
	return raw, d.End()
}

// equalValue compares two values that single has checked.
func equalValue(a, b []byte) bool {
	k := kindOf[a[0]]
	if k != kindOf[b[0]] {
		return false
	}
	switch k {
	case Null:
		return true
	case Bool:
		return a[0] == b[0]
	case Number:
		return normalNumber(a) == normalNumber(b)
	case String:
		return bytes.Equal(appendUnescaped(nil, a[1:len(a)-1]), appendUnescaped(nil, b[1:len(b)-1]))
	case Array:
		ea, eb := elements(a), elements(b)
		if len(ea) != len(eb) {
			return false
		}
		for i := range ea {
			if !equalValue(ea[i], eb[i]) {
				return false
			}
		}
		return true
	default: // Object
		ma, mb := members(a), members(b)
		if len(ma) != len(mb) {
			return false
		}
		for k, va := range ma {
			vb, ok := mb[k]
			if !ok || !equalValue(va, vb) {
				return false
			}
		}
		return true
	}
}

// elements returns the raw elements of a checked array.
func elements(raw []byte) [][]byte {
	var out [][]byte
	d := NewDecoder(raw)
	_ = d.Array(func(int) error {
		v, err := d.Raw()
		out = append(out, v)
		return err
	})
	return out
}

// members returns the raw values of a checked object by unescaped key.
func members(raw []byte) map[string][]byte {
	out := make(map[string][]byte)
	d := NewDecoder(raw)
	_ = d.Object(func(key []byte) error {
		v, err := d.Raw()
		out[string(key)] = v
		return err
	})
	return out
}

// normalNumber returns a canonical text for the exact value of a checked
// JSON number: "0" for zero, else an optional '-', the significant digits
// without leading or trailing zeros, 'e' and the decimal exponent, so that
// "1.50", "15e-1" and "0.15E1" all give "15e-1".
func normalNumber(n []byte) string {
	neg := n[0] == '-'
	if neg {
		n = n[1:]
	}
	end := bytes.IndexAny(n, "eE")
	expText := "0"
	if end >= 0 {
		expText = string(n[end+1:])
		n = n[:end]
	}
	var digits []byte
	shift := 0 // the value is digits × 10^(exponent + shift)
	if dot := bytes.IndexByte(n, '.'); dot >= 0 {
		digits = append(append(digits, n[:dot]...), n[dot+1:]...)
		shift = -(len(n) - dot - 1)
	} else {
		digits = append(digits, n...)
	}
	digits = bytes.TrimLeft(digits, "0")
	if len(digits) == 0 {
		return "0"
	}
	trimmed := bytes.TrimRight(digits, "0")
	shift += len(digits) - len(trimmed)
	exp, _ := new(big.Int).SetString(expText, 10) // checked by the grammar; SetString takes a sign
	exp.Add(exp, big.NewInt(int64(shift)))
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + string(trimmed) + "e" + exp.String()
}
