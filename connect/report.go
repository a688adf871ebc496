package connect

import (
	"slices"
	"unicode/utf8"

	"github.com/leadbridge/leadbridge/lead"
)

// appendReport appends rep's JSON, [] for an exact conversion: what
// encoding/json writes for a lead.Report with HTML escaping off, without
// reflection, which cost a sixth of the processor's time. report_test.go
// holds it to encoding/json's output and to lead.Change's fields.
func appendReport(dst []byte, rep lead.Report) []byte {
	n := 2
	for _, c := range rep {
		n += len(c.Path) + len(c.Kind) + len(c.Reason) + len(c.Detail) + len(c.Loss) + len(`{"path":"","kind":"","reason":"","detail":"","loss":""},`)
	}
	dst = slices.Grow(dst, n)
	dst = append(dst, '[')
	for i, c := range rep {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"path":`...)
		dst = appendString(dst, c.Path)
		dst = append(dst, `,"kind":`...)
		dst = appendString(dst, string(c.Kind))
		dst = append(dst, `,"reason":`...)
		dst = appendString(dst, c.Reason)
		if c.Detail != "" {
			dst = append(dst, `,"detail":`...)
			dst = appendString(dst, c.Detail)
		}
		if c.Loss != "" {
			dst = append(dst, `,"loss":`...)
			dst = appendString(dst, string(c.Loss))
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it with HTML escaping off: invalid UTF-8 becomes U+FFFD, and
// U+2028 and U+2029 are escaped.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && plainASCII[s[i]] {
		i++
	}
	if i == len(s) { // the common case: nothing to escape
		dst = append(dst, s...)
		return append(dst, '"')
	}
	start := 0
	for i < len(s) {
		if b := s[i]; b < utf8.RuneSelf {
			if plainASCII[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainASCII says which ASCII bytes a JSON string holds as they are.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for b := range t {
		t[b] = b >= 0x20 && b != '"' && b != '\\'
	}
	return t
}()
