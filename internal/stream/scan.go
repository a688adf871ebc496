package stream

import (
	"bytes"
	"encoding/json"
)

// What the scanner expects next inside a value.
const (
	expValue        = iota // a value (after ':' or ',' in an array, or at the start)
	expValueOrClose        // a value or ']' (after '[')
	expKeyOrClose          // a key or '}' (after '{')
	expKey                 // a key (after ',' in an object)
	expColon               // ':' (after a key)
	expCommaOrClose        // ',' or the closing bracket (after a member or element)
)

// How a scan ended.
type status uint8

const (
	done    status = iota // the value is complete; s.pos is just after it
	atEOF                 // the input ended inside the value
	badByte               // s.buf[s.pos] breaks the structure; s.err says how
	envData               // s.pos is at the value of an envelope's "data"
)

// Keys of a top-level object that make it an envelope.
const (
	keyOther = iota
	keySuccess
	keyData
)

// The value of an envelope's "success".
const (
	successNone = iota
	successTrue
	successFalse
)

var (
	// strSpecial marks the bytes that stop the scan of a string's body.
	strSpecial [256]bool
	// delim marks the bytes that end a scalar (number, true, false, null).
	delim [256]bool
)

func init() {
	strSpecial['"'] = true
	strSpecial['\\'] = true
	strSpecial['\n'] = true
	for c := range 0x20 {
		delim[c] = true
	}
	for _, c := range []byte(" ,:[]{}\"") {
		delim[c] = true
	}
}

func isScalarStart(c byte) bool {
	return c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n'
}

func isValueStart(c byte) bool {
	return c == '{' || c == '[' || c == '"' || isScalarStart(c)
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// scan reads one value, starting in state st with the containers in
// s.stack already open, until the outermost container closes (or, with an
// empty stack, until one value is complete). It checks the structure
// between tokens but not the spelling of scalars.
//
// With s.hook set, it watches the keys at depth 1 for "success" and
// "data": the envelope markers.
func (s *Splitter) scan(st int) status {
	for {
		if s.pos >= s.end && !s.more() {
			return atEOF
		}
		c := s.buf[s.pos]
		if c <= ' ' {
			if c == '\n' {
				if s.oneLine && len(s.stack) > 0 {
					s.err = syntaxErr("in record: the line ends before the record", c, s.line, s.abs())
					return badByte
				}
				s.line++
				s.pos++
				continue
			}
			if c == ' ' || c == '\t' || c == '\r' {
				s.pos++
				continue
			}
		}
		switch st {
		case expValue, expValueOrClose:
			key := keyOther
			if s.hook && len(s.stack) == 1 {
				key, s.key = s.key, keyOther
				if key == keyData && s.within() {
					if s.success == successTrue {
						return envData
					}
					s.sawData = true
				}
			}
			switch {
			case c == '{':
				if !s.push(c) {
					return badByte
				}
				s.pos++
				st = expKeyOrClose
				continue
			case c == '[':
				if !s.push(c) {
					return badByte
				}
				s.pos++
				st = expValueOrClose
				continue
			case c == '"':
				s.pos++
				if r := s.scanString(); r != done {
					return r
				}
			case c == ']' && st == expValueOrClose:
				s.pos++
				s.stack = s.stack[:len(s.stack)-1]
			case isScalarStart(c):
				start := s.abs()
				s.pos++
				s.scanScalar()
				if key == keySuccess && s.within() {
					switch string(s.since(start)) {
					case "true":
						s.success = successTrue
					case "false":
						s.success = successFalse
					}
				}
			default:
				s.err = syntaxErr("looking for beginning of value", c, s.line, s.abs())
				return badByte
			}
		case expKeyOrClose, expKey:
			switch {
			case c == '"':
				start := s.abs()
				s.pos++
				if r := s.scanString(); r != done {
					return r
				}
				if s.hook && len(s.stack) == 1 && s.within() {
					s.key = keyOf(s.since(start))
				}
				st = expColon
				continue
			case c == '}' && st == expKeyOrClose:
				s.pos++
				s.stack = s.stack[:len(s.stack)-1]
			default:
				s.err = syntaxErr("looking for beginning of object key string", c, s.line, s.abs())
				return badByte
			}
		case expColon:
			if c != ':' {
				s.err = syntaxErr("after object key", c, s.line, s.abs())
				return badByte
			}
			s.pos++
			st = expValue
			continue
		case expCommaOrClose:
			top := s.stack[len(s.stack)-1]
			switch {
			case c == ',':
				s.pos++
				if top == '{' {
					st = expKey
				} else {
					st = expValue
				}
				continue
			case c == '}' && top == '{', c == ']' && top == '[':
				s.pos++
				s.stack = s.stack[:len(s.stack)-1]
			case top == '{':
				s.err = syntaxErr("after object key:value pair", c, s.line, s.abs())
				return badByte
			default:
				s.err = syntaxErr("after array element", c, s.line, s.abs())
				return badByte
			}
		}
		// A value is complete.
		if len(s.stack) == 0 {
			return done
		}
		st = expCommaOrClose
	}
}

func (s *Splitter) push(c byte) bool {
	if len(s.stack) >= maxDepth {
		s.err = tooDeepErr()
		return false
	}
	s.stack = append(s.stack, c)
	return true
}

// scanString reads the body of a string whose opening quote is consumed.
// A raw newline cannot be in a JSON string: it is reported as a bad byte,
// so that a record with an unterminated string costs only its line.
func (s *Splitter) scanString() status {
outer:
	for {
		buf := s.buf[s.pos:s.end]
		for i := 0; i < len(buf); i++ {
			c := buf[i]
			if !strSpecial[c] {
				continue
			}
			switch c {
			case '"':
				s.pos += i + 1
				return done
			case '\\':
				// Skip the escaped byte, which may be in the next read.
				if i+1 < len(buf) {
					i++
					if buf[i] != '\n' {
						continue
					}
				} else {
					s.pos = s.end
					if !s.more() {
						return atEOF
					}
					if s.buf[s.pos] != '\n' {
						s.pos++
						continue outer
					}
					i = 0
					buf = s.buf[s.pos:s.end]
				}
			}
			s.pos += i
			s.err = syntaxErr("in string literal", '\n', s.line, s.abs())
			return badByte
		}
		s.pos = s.end
		if !s.more() {
			return atEOF
		}
	}
}

// scanScalar reads the rest of a number or literal up to the next
// delimiter or the end of the input.
func (s *Splitter) scanScalar() {
	for {
		buf := s.buf[s.pos:s.end]
		for i, c := range buf {
			if delim[c] {
				s.pos += i
				return
			}
		}
		s.pos = s.end
		if !s.more() {
			return
		}
	}
}

// within reports whether the record being read is kept and still within
// the size limit. What depends on its bytes is decided only then, so that
// the outcome does not depend on when the buffer was refilled.
func (s *Splitter) within() bool {
	return s.rec && s.abs()-s.recOff <= int64(s.max)
}

// since returns the bytes from input offset start to s.pos, or nil when
// some of them are no longer in the buffer.
func (s *Splitter) since(start int64) []byte {
	if start < s.base {
		return nil
	}
	return s.buf[start-s.base : s.pos]
}

// keyOf classifies a quoted key of a top-level object.
func keyOf(q []byte) int {
	if len(q) != len(`"success"`) && len(q) != len(`"data"`) && bytes.IndexByte(q, '\\') < 0 {
		return keyOther
	}
	if len(q) < 2 {
		return keyOther
	}
	k := q[1 : len(q)-1]
	if bytes.IndexByte(k, '\\') >= 0 {
		var u string
		if json.Unmarshal(q, &u) != nil {
			return keyOther
		}
		k = []byte(u)
	}
	switch string(k) {
	case "success":
		return keySuccess
	case "data":
		return keyData
	}
	return keyOther
}

// resync consumes the rest of a broken element: it matches brackets,
// skipping strings, until it reaches, with every bracket it has seen open
// closed, a ',' or closer, which it leaves unread. It starts with the
// brackets of s.stack open; a closing bracket closes the innermost open
// bracket of its kind and those inside it, and is ignored when none is
// open. It reports false at the end of the input.
func (s *Splitter) resync(closer byte) bool {
	inStr, esc := false, false
	extra := 0 // brackets open beyond maxDepth
	for {
		if s.pos >= s.end && !s.more() {
			return false
		}
		c := s.buf[s.pos]
		if c == '\n' {
			s.line++
		}
		switch {
		case esc:
			esc = false
			if c == '\n' {
				inStr = false
			}
		case inStr:
			switch c {
			case '\\':
				esc = true
			case '"', '\n':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			if len(s.stack) < maxDepth {
				s.stack = append(s.stack, c)
			} else {
				extra++
			}
		case c == '}' || c == ']':
			open := byte('{')
			if c == ']' {
				open = '['
			}
			if extra > 0 {
				extra--
			} else if i := bytes.LastIndexByte(s.stack, open); i >= 0 {
				s.stack = s.stack[:i]
			} else if len(s.stack) == 0 && c == closer {
				return true
			}
		case c == ',' && len(s.stack) == 0 && extra == 0:
			return true
		}
		s.pos++
	}
}
