package copper

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leadbridge/leadbridge/lead"
)

// maxDepth bounds the nesting of arrays and objects a decoder accepts.
const maxDepth = 64

// A scanner re-reads a value that jsonwire.Decoder has already checked
// (a custom field value, an unknown key's value) to type or re-encode it.
// It still rejects malformed input, so it never relies on that check.
type scanner struct {
	data []byte
	pos  int
	path []seg
	buf  []byte // scratch for unescaped strings
}

// A seg is one step of the path to the value being read.
type seg struct {
	key []byte
	idx int // -1 for a key
}

func (s *scanner) pathString() string {
	n := 0
	for _, p := range s.path {
		n += len(p.key) + 4
	}
	b := make([]byte, 0, n)
	for i, p := range s.path {
		if p.idx >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(p.idx), 10)
			b = append(b, ']')
			continue
		}
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, p.key...)
	}
	return string(b)
}

func (s *scanner) hard(rule string) error {
	return &lead.FieldError{Path: s.pathString(), Rule: rule, Err: lead.ErrMalformed}
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the first byte of the next value, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// kind names the JSON type of the next value.
func (s *scanner) kind() string {
	switch c := s.peek(); {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "bool"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "number"
	}
	return "invalid"
}

func (s *scanner) lit(word string) error {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		return s.hard("invalid literal")
	}
	s.pos += len(word)
	return nil
}

// number reads a JSON number and returns its text (a slice of data).
func (s *scanner) number() ([]byte, error) {
	s.ws()
	start := s.pos
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		return nil, s.hard("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			return nil, s.hard("invalid number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			return nil, s.hard("invalid number")
		}
	}
	s.pos = i
	return d[start:i], nil
}

// str reads a JSON string and returns its content, unescaped. The result
// aliases data or the scanner's scratch buffer: copy it to keep it.
func (s *scanner) str() ([]byte, error) {
	s.ws()
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		return nil, s.hard("want string")
	}
	s.pos++
	start := s.pos
	d := s.data
	// Fast path: no escapes, ASCII or valid UTF-8.
	for i := start; i < len(d); {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return d[start:i], nil
		case c == '\\':
			return s.strSlow(start)
		case c < 0x20:
			return nil, s.hard("control character in string")
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return nil, s.hard("invalid UTF-8")
			}
			i += n
		}
	}
	return nil, s.hard("unterminated string")
}

func (s *scanner) strSlow(start int) ([]byte, error) {
	d := s.data
	b := s.buf[:0]
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.buf = b
			return b, nil
		case c == '\\':
			if i+1 >= len(d) {
				return nil, s.hard("unterminated string")
			}
			e := d[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(d, i)
				if !ok {
					return nil, s.hard("invalid escape")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					if r >= 0xDC00 || i+6 > len(d) || d[i] != '\\' || d[i+1] != 'u' {
						return nil, s.hard("lone surrogate")
					}
					r2, ok := hex4(d, i+2)
					if !ok || r2 < 0xDC00 || r2 > 0xDFFF {
						return nil, s.hard("lone surrogate")
					}
					i += 6
					r = utf16.DecodeRune(r, r2)
				}
				b = utf8.AppendRune(b, r)
			default:
				return nil, s.hard("invalid escape")
			}
		case c < 0x20:
			return nil, s.hard("control character in string")
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return nil, s.hard("invalid UTF-8")
			}
			b = append(b, d[i:i+n]...)
			i += n
		}
	}
	return nil, s.hard("unterminated string")
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// skip reads and validates any value.
func (s *scanner) skip(depth int) error {
	if depth > maxDepth {
		return s.hard("nesting too deep")
	}
	switch c := s.peek(); {
	case c == '"':
		_, err := s.str()
		return err
	case c == '{':
		return s.object(depth+1, func([]byte) error { return s.skip(depth + 1) })
	case c == '[':
		return s.array(depth+1, func(int) error { return s.skip(depth + 1) })
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		_, err := s.number()
		return err
	case c == 0:
		return s.hard("unexpected end of input")
	}
	return s.hard("invalid character")
}

// raw reads any value and returns its bytes (a slice of data).
func (s *scanner) raw(depth int) ([]byte, error) {
	s.ws()
	start := s.pos
	if err := s.skip(depth); err != nil {
		return nil, err
	}
	return s.data[start:s.pos], nil
}

// object reads an object, calling f for each key with the scanner at the
// value; f must consume the value. Keys are compared exactly; a repeated
// key is a syntax error.
func (s *scanner) object(depth int, f func(key []byte) error) error {
	if depth > maxDepth {
		return s.hard("nesting too deep")
	}
	if s.peek() != '{' {
		return s.hard("want object")
	}
	s.pos++
	var seen [16][]byte
	var more [][]byte
	n := 0
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.hard("want object key")
		}
		k, err := s.str()
		if err != nil {
			return err
		}
		if len(s.buf) > 0 && len(k) > 0 && &k[0] == &s.buf[0] {
			k = append([]byte(nil), k...) // the scratch buffer is reused
		}
		for i := 0; i < n && i < len(seen); i++ {
			if string(seen[i]) == string(k) {
				return s.hardAt(k, "duplicate key")
			}
		}
		for _, m := range more {
			if string(m) == string(k) {
				return s.hardAt(k, "duplicate key")
			}
		}
		if n < len(seen) {
			seen[n] = k
		} else {
			more = append(more, k)
		}
		n++
		if s.peek() != ':' {
			return s.hard("want colon")
		}
		s.pos++
		s.path = append(s.path, seg{key: k, idx: -1})
		err = f(k)
		s.path = s.path[:len(s.path)-1]
		if err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.hard("want comma or end of object")
		}
	}
}

func (s *scanner) hardAt(k []byte, rule string) error {
	s.path = append(s.path, seg{key: k, idx: -1})
	err := s.hard(rule)
	s.path = s.path[:len(s.path)-1]
	return err
}

// array reads an array, calling f for each element.
func (s *scanner) array(depth int, f func(i int) error) error {
	if depth > maxDepth {
		return s.hard("nesting too deep")
	}
	if s.peek() != '[' {
		return s.hard("want array")
	}
	s.pos++
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		s.path = append(s.path, seg{idx: i})
		err := f(i)
		s.path = s.path[:len(s.path)-1]
		if err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return s.hard("want comma or end of array")
		}
	}
}

// appendNormal appends the next value in the form this package writes:
// compact, strings re-encoded by appendString, numbers as written.
func (s *scanner) appendNormal(dst []byte, depth int) ([]byte, error) {
	if depth > maxDepth {
		return dst, s.hard("nesting too deep")
	}
	var err error
	switch c := s.peek(); {
	case c == '"':
		var b []byte
		if b, err = s.str(); err == nil {
			dst = appendString(dst, string(b))
		}
	case c == '{':
		dst = append(dst, '{')
		err = s.object(depth+1, func(k []byte) error {
			if dst[len(dst)-1] != '{' {
				dst = append(dst, ',')
			}
			dst = appendString(dst, string(k))
			dst = append(dst, ':')
			var e error
			dst, e = s.appendNormal(dst, depth+1)
			return e
		})
		dst = append(dst, '}')
	case c == '[':
		dst = append(dst, '[')
		err = s.array(depth+1, func(i int) error {
			if i > 0 {
				dst = append(dst, ',')
			}
			var e error
			dst, e = s.appendNormal(dst, depth+1)
			return e
		})
		dst = append(dst, ']')
	default:
		start := s.pos
		if err = s.skip(depth); err == nil {
			dst = append(dst, s.data[start:s.pos]...)
		}
	}
	return dst, err
}
