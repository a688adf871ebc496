package pipedrive

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/leadbridge/leadbridge/lead"
)

// maxDepth bounds the nesting of arrays and objects the decoder accepts.
const maxDepth = 512

// jsonKind names the JSON type that starts with c, for "want X, got Y".
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "number"
	}
	return "invalid JSON"
}

// typeError is the cause of a soft type error. Its text is the rule itself,
// so a FieldError prints "path: want number, got string"; it matches
// lead.ErrType with errors.Is.
type typeError struct{ msg string }

func (e *typeError) Error() string        { return e.msg }
func (e *typeError) Is(target error) bool { return target == lead.ErrType }

// decoder is a strict single-pass JSON reader over one document. Strings
// it returns point into buf, a private copy of the input, so a decoded
// Lead costs one copy of its bytes rather than one allocation per string.
type decoder struct {
	buf  []byte
	pos  int
	errs lead.ErrorList // soft errors: the value was skipped, decoding went on
}

// hard is a syntax error: decoding stops.
type hard struct{ fe *lead.FieldError }

func (d *decoder) syntax(path, msg string) *hard {
	if path == "" {
		path = "(root)"
	}
	return &hard{&lead.FieldError{Path: path, Rule: msg + " at offset " + strconv.Itoa(d.pos), Err: lead.ErrMalformed}}
}

func (d *decoder) typeErr(path, want string) {
	rule := "want " + want + ", got " + jsonKind(d.peek())
	d.errs = append(d.errs, &lead.FieldError{Path: path, Rule: rule, Err: &typeError{rule}})
}

func (d *decoder) invalid(path, rule string) {
	d.errs = append(d.errs, &lead.FieldError{Path: path, Rule: rule, Err: lead.ErrInvalid})
}

func (d *decoder) ws() {
	for d.pos < len(d.buf) {
		switch d.buf[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	d.ws()
	if d.pos < len(d.buf) {
		return d.buf[d.pos]
	}
	return 0
}

func (d *decoder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// stringBytes reads a JSON string at pos and returns its decoded bytes:
// a slice of buf when it holds no escapes, a new slice otherwise.
func (d *decoder) stringBytes(path string) ([]byte, *hard) {
	if d.peek() != '"' {
		return nil, d.syntax(path, "want string")
	}
	d.pos++
	start := d.pos
	for d.pos < len(d.buf) {
		c := d.buf[d.pos]
		switch {
		case c == '"':
			s := d.buf[start:d.pos]
			d.pos++
			return s, nil
		case c == '\\':
			return d.slowString(path, start)
		case c < 0x20:
			return nil, d.syntax(path, "control character in string")
		case c < utf8.RuneSelf:
			d.pos++
		default:
			r, n := utf8.DecodeRune(d.buf[d.pos:])
			if r == utf8.RuneError && n == 1 {
				return nil, d.syntax(path, "invalid UTF-8")
			}
			d.pos += n
		}
	}
	return nil, d.syntax(path, "unterminated string")
}

func hexVal(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func (d *decoder) slowString(path string, start int) ([]byte, *hard) {
	out := make([]byte, 0, d.pos-start+16)
	out = append(out, d.buf[start:d.pos]...)
	for d.pos < len(d.buf) {
		c := d.buf[d.pos]
		switch {
		case c == '"':
			d.pos++
			return out, nil
		case c == '\\':
			if d.pos+1 >= len(d.buf) {
				return nil, d.syntax(path, "unterminated string")
			}
			e := d.buf[d.pos+1]
			d.pos += 2
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hexVal(d.buf[d.pos:])
				if !ok {
					return nil, d.syntax(path, "invalid \\u escape")
				}
				d.pos += 4
				if utf16.IsSurrogate(r) {
					if r >= 0xDC00 || d.pos+6 > len(d.buf) || d.buf[d.pos] != '\\' || d.buf[d.pos+1] != 'u' {
						return nil, d.syntax(path, "lone surrogate")
					}
					r2, ok := hexVal(d.buf[d.pos+2:])
					if !ok || r2 < 0xDC00 || r2 > 0xDFFF {
						return nil, d.syntax(path, "lone surrogate")
					}
					d.pos += 6
					r = utf16.DecodeRune(r, r2)
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, d.syntax(path, "invalid escape")
			}
		case c < 0x20:
			return nil, d.syntax(path, "control character in string")
		case c < utf8.RuneSelf:
			out = append(out, c)
			d.pos++
		default:
			r, n := utf8.DecodeRune(d.buf[d.pos:])
			if r == utf8.RuneError && n == 1 {
				return nil, d.syntax(path, "invalid UTF-8")
			}
			out = append(out, d.buf[d.pos:d.pos+n]...)
			d.pos += n
		}
	}
	return nil, d.syntax(path, "unterminated string")
}

// number reads a JSON number and returns its text.
func (d *decoder) number(path string) ([]byte, *hard) {
	d.ws()
	start := d.pos
	b := d.buf
	i := d.pos
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		d.pos = i
		return nil, d.syntax(path, "invalid number")
	}
	if i < len(b) && b[i] == '.' {
		i++
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == s {
			d.pos = i
			return nil, d.syntax(path, "invalid number")
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == s {
			d.pos = i
			return nil, d.syntax(path, "invalid number")
		}
	}
	d.pos = i
	return b[start:i], nil
}

func (d *decoder) literal(path, lit string) *hard {
	if len(d.buf)-d.pos < len(lit) || string(d.buf[d.pos:d.pos+len(lit)]) != lit {
		return d.syntax(path, "invalid literal")
	}
	d.pos += len(lit)
	return nil
}

// skip validates one value of any type and returns its exact text.
func (d *decoder) skip(path string, depth int) ([]byte, *hard) {
	if depth > maxDepth {
		return nil, d.syntax(path, "nesting too deep")
	}
	c := d.peek()
	start := d.pos
	switch c {
	case '"':
		if _, h := d.stringBytes(path); h != nil {
			return nil, h
		}
	case 't':
		if h := d.literal(path, "true"); h != nil {
			return nil, h
		}
	case 'f':
		if h := d.literal(path, "false"); h != nil {
			return nil, h
		}
	case 'n':
		if h := d.literal(path, "null"); h != nil {
			return nil, h
		}
	case '[':
		d.pos++
		if d.peek() == ']' {
			d.pos++
			break
		}
		for {
			if _, h := d.skip(path, depth+1); h != nil {
				return nil, h
			}
			switch d.peek() {
			case ',':
				d.pos++
				continue
			case ']':
				d.pos++
			default:
				return nil, d.syntax(path, "want , or ]")
			}
			break
		}
	case '{':
		d.pos++
		var keys [][]byte
		if d.peek() == '}' {
			d.pos++
			break
		}
		for {
			k, h := d.stringBytes(path)
			if h != nil {
				return nil, h
			}
			for _, seen := range keys {
				if string(seen) == string(k) {
					return nil, d.syntax(lead.JoinPath(path, string(k)), "duplicate key")
				}
			}
			keys = append(keys, k)
			if d.peek() != ':' {
				return nil, d.syntax(path, "want :")
			}
			d.pos++
			if _, h := d.skip(path, depth+1); h != nil {
				return nil, h
			}
			switch d.peek() {
			case ',':
				d.pos++
				continue
			case '}':
				d.pos++
			default:
				return nil, d.syntax(path, "want , or }")
			}
			break
		}
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			if _, h := d.number(path); h != nil {
				return nil, h
			}
			break
		}
		return nil, d.syntax(path, "want a value")
	}
	return d.buf[start:d.pos], nil
}

// object reads the members of an object, calling member with each key;
// member must consume the value. Duplicate keys are left to member.
func (d *decoder) object(path string, member func(key []byte) *hard) *hard {
	if d.peek() != '{' {
		return d.syntax(path, "want object")
	}
	d.pos++
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		k, h := d.stringBytes(path)
		if h != nil {
			return h
		}
		if d.peek() != ':' {
			return d.syntax(path, "want :")
		}
		d.pos++
		if h := member(k); h != nil {
			return h
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return d.syntax(path, "want , or }")
		}
	}
}

// end checks that nothing but white space follows the document.
func (d *decoder) end() *hard {
	if d.peek() != 0 || d.pos != len(d.buf) {
		return d.syntax("", "data after the document")
	}
	return nil
}

// isNull consumes a null and reports whether there was one.
func (d *decoder) isNull(path string) (bool, *hard) {
	if d.peek() != 'n' {
		return false, nil
	}
	return true, d.literal(path, "null")
}

// softSkip records a type error for path and skips the value.
func (d *decoder) softSkip(path, want string) *hard {
	d.typeErr(path, want)
	_, h := d.skip(path, 0)
	return h
}

func (d *decoder) stringField(path string, p *Patch[string]) *hard {
	if null, h := d.isNull(path); null || h != nil {
		*p = Null[string]()
		return h
	}
	if d.peek() != '"' {
		return d.softSkip(path, "string")
	}
	b, h := d.stringBytes(path)
	if h != nil {
		return h
	}
	*p = Set(d.str(b))
	return nil
}

// parseInt parses the text of a JSON integer that fits an int64.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	n, err := strconv.ParseInt(unsafe.String(&b[0], len(b)), 10, 64)
	return n, err == nil
}

func (d *decoder) intField(path string, p *Patch[int64]) *hard {
	if null, h := d.isNull(path); null || h != nil {
		*p = Null[int64]()
		return h
	}
	c := d.peek()
	if c != '-' && (c < '0' || c > '9') {
		return d.softSkip(path, "integer")
	}
	b, h := d.number(path)
	if h != nil {
		return h
	}
	n, ok := parseInt(b)
	if !ok || (n == 0 && b[0] == '-') {
		d.invalid(path, "want an integer id")
		return nil
	}
	*p = Set(n)
	return nil
}

func (d *decoder) boolField(path string, p *Patch[bool]) *hard {
	switch d.peek() {
	case 'n':
		*p = Null[bool]()
		return d.literal(path, "null")
	case 't':
		*p = Set(true)
		return d.literal(path, "true")
	case 'f':
		*p = Set(false)
		return d.literal(path, "false")
	}
	return d.softSkip(path, "boolean")
}
