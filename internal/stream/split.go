package stream

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/leadbridge/leadbridge/lead"
)

const (
	// DefaultMaxRecordBytes is the size limit of one record: 16 MiB.
	DefaultMaxRecordBytes = 16 << 20
	// DefaultBufferSize is the size of each read.
	DefaultBufferSize = 64 << 10
	// maxDepth is the deepest nesting a record may have, as in encoding/json.
	maxDepth = 10000
)

var bom = []byte("\xef\xbb\xbf")

// A Position locates a record in its input.
type Position struct {
	File  string // the input's name, as given to NewSplitter
	Line  int    // 1-based line of the record's first byte
	Index int    // 0-based index in the enclosing array, -1 when not in one
}

// A Record is one record of the input.
type Record struct {
	Pos Position
	// Offset is the input offset of Data's first byte, or of the place
	// where a record without Data was expected.
	Offset int64
	// Data is the record's exact bytes: a whole value or, for a rejected
	// record, the bytes it spans, without surrounding whitespace. It is nil
	// when the record has no bytes to show (it was over the size limit, or
	// the error is about a missing element). It is valid until the next
	// call to Next.
	Data []byte
	// Err, when not nil, rejects the record: a *lead.FieldError, or a
	// lead.ErrorList when there are several causes.
	Err error
}

// Options configure a Splitter. The zero value selects the defaults.
type Options struct {
	// MaxRecordBytes is the size limit of one record; 0 means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int
	// BufferSize is the initial buffer size and the size of each read;
	// 0 means DefaultBufferSize.
	BufferSize int
}

// Framing modes: where the splitter is between records.
const (
	modeTop     = iota // a sequence of top-level values
	modeArray          // inside an array whose elements are records
	modeData           // before the value of an envelope's "data"
	modeEnvRest        // inside an envelope, after its data
	modeDone           // the input is exhausted
)

// Layouts of a top-level sequence.
const (
	layoutUnknown = iota
	layoutLines   // NDJSON: the first object ended on the line it began on
	layoutFree    // the first object spanned lines
)

// Where an array is between elements.
const (
	arrOpen  = iota // after '['
	arrComma        // after ','
	arrValue        // after an element
)

// A Splitter splits one input into records; see the package documentation
// for the shapes it reads. It reads with a buffer that grows only as far as
// the largest record (at most Options.MaxRecordBytes) needs.
type Splitter struct {
	r       io.Reader
	file    string
	max     int
	bufSize int

	buf      []byte
	pos, end int   // unread bytes are buf[pos:end]
	base     int64 // input offset of buf[0]
	line     int   // line of buf[pos]
	eof      bool
	rerr     error
	started  bool

	// The record being read.
	rec      bool // its bytes are kept from buf[recStart]
	recStart int
	recOff   int64
	recLine  int
	recIndex int
	over     bool // it grew past max and its bytes were let go

	stack []byte // open brackets of the value being scanned
	err   error  // why a scan ended with badByte

	// How records of a top-level sequence are laid out: unknown until the
	// first object ends; then one a line (NDJSON: a record must end on the
	// line it starts on) or free (objects over several lines).
	layout  int
	oneLine bool // the record being scanned must end on its line

	// Envelope detection in a top-level object.
	hook    bool
	key     int // the last depth-1 key, when its value is next
	success int
	sawData bool

	mode      int
	index     int  // index of the next array element
	arrState  int  // where the array is
	envArray  bool // the array is an envelope's data
	afterData int  // mode after the envelope's data value

	inner   *Splitter // splits the data of an envelope read whole
	emitted int64     // total length of the Data returned
}

// NewSplitter returns a Splitter reading r. The name is used in the
// records' positions.
func NewSplitter(r io.Reader, name string, opt Options) *Splitter {
	s := &Splitter{r: r, file: name, max: opt.MaxRecordBytes, bufSize: opt.BufferSize, line: 1}
	if s.max <= 0 {
		s.max = DefaultMaxRecordBytes
	}
	if s.bufSize <= 0 {
		s.bufSize = DefaultBufferSize
	}
	return s
}

// Next returns the next record. It returns io.EOF after the last one, or
// the error of the underlying reader; problems with the input itself are
// records with an Err, never an error of Next.
func (s *Splitter) Next() (Record, error) {
	if !s.started {
		s.started = true
		if s.skipBOM() {
			s.pos += len(bom)
		}
	}
	for {
		if s.inner != nil {
			r, err := s.inner.Next()
			if err == nil {
				s.emitted += int64(len(r.Data))
				return r, nil
			}
			s.inner = nil
			continue
		}
		var (
			r  Record
			ok bool
		)
		switch s.mode {
		case modeTop:
			r, ok = s.nextTop()
		case modeArray:
			r, ok = s.nextElement()
		case modeData:
			r, ok = s.nextData()
		case modeEnvRest:
			r, ok = s.nextEnvRest()
		}
		if s.rerr != nil {
			s.mode = modeDone
			return Record{}, s.rerr
		}
		if ok {
			s.emitted += int64(len(r.Data))
			return r, nil
		}
		if s.mode == modeDone {
			return Record{}, io.EOF
		}
	}
}

// Offset returns the number of input bytes consumed so far.
func (s *Splitter) Offset() int64 { return s.abs() }

// Skipped returns the number of bytes consumed that are in no record's
// Data: whitespace, separators, brackets of arrays, envelopes, byte order
// mark, and the bytes of records too large to keep.
func (s *Splitter) Skipped() int64 { return s.abs() - s.emitted }

func (s *Splitter) abs() int64 { return s.base + int64(s.pos) }

func (s *Splitter) skipBOM() bool {
	for s.end-s.pos < len(bom) {
		if !s.more() {
			break
		}
	}
	return bytes.HasPrefix(s.buf[s.pos:s.end], bom)
}

// more reads more input into the buffer, keeping the unread bytes and those
// of the record being read. It reports whether it read anything.
func (s *Splitter) more() bool {
	if s.eof || s.rerr != nil {
		return false
	}
	keep := s.pos
	if s.rec {
		if s.pos-s.recStart > s.max {
			s.rec, s.over = false, true
		} else {
			keep = s.recStart
		}
	}
	kept := s.end - keep
	if len(s.buf) > 4*s.bufSize && kept <= s.bufSize/2 {
		// Let go of the room a large record needed.
		nb := make([]byte, s.bufSize)
		s.reslice(nb, keep, kept)
	} else if keep > 0 {
		s.reslice(s.buf, keep, kept)
	}
	if s.end == len(s.buf) {
		n := 2 * len(s.buf)
		if lim := s.max + s.bufSize; n > lim {
			n = lim
		}
		n = max(n, s.bufSize, len(s.buf)+1)
		nb := make([]byte, n)
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		if n < 0 || n > len(s.buf)-s.end {
			s.rerr = errors.New("stream: reader returned an invalid count")
			return false
		}
		s.end += n
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.rerr = err
		}
		if n > 0 {
			return true
		}
		if err != nil {
			return false
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// reslice moves buf[keep:keep+kept] to the start of nb and makes nb the buffer.
func (s *Splitter) reslice(nb []byte, keep, kept int) {
	copy(nb, s.buf[keep:s.end])
	s.buf = nb
	s.base += int64(keep)
	s.pos -= keep
	s.end = kept
	if s.rec {
		s.recStart -= keep
	}
}

// skipSpace consumes whitespace and reports whether a byte follows.
func (s *Splitter) skipSpace() bool {
	for {
		if s.pos >= s.end && !s.more() {
			return false
		}
		switch s.buf[s.pos] {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		default:
			return true
		}
		s.pos++
	}
}

// skipLine consumes the rest of the line, its newline included, and
// returns the input offset of the newline (or of the end of the input).
func (s *Splitter) skipLine() int64 {
	for {
		if s.pos >= s.end && !s.more() {
			return s.abs()
		}
		if i := bytes.IndexByte(s.buf[s.pos:s.end], '\n'); i >= 0 {
			s.pos += i
			nl := s.abs()
			s.pos++
			s.line++
			return nl
		}
		s.pos = s.end
	}
}

// begin starts a record at s.pos.
func (s *Splitter) begin(index int) {
	s.rec, s.over = true, false
	s.recStart, s.recOff, s.recLine, s.recIndex = s.pos, s.abs(), s.line, index
}

// finish ends the record begun last at input offset end.
func (s *Splitter) finish(end int64, err error) Record {
	r := Record{Pos: Position{File: s.file, Line: s.recLine, Index: s.recIndex}, Offset: s.recOff, Err: err}
	if s.over || end-s.recOff > int64(s.max) {
		if err == nil {
			r.Err = tooLargeErr(s.max)
		} else {
			var l lead.ErrorList
			l.Append("", err)
			l = append(l, tooLargeErr(s.max).(*lead.FieldError))
			r.Err = l
		}
	} else {
		d := s.buf[s.recStart : end-s.base]
		if err != nil {
			d = bytes.TrimRight(d, " \t\r\n")
		}
		r.Data = d
	}
	s.rec, s.over = false, false
	return r
}

// synthetic returns a rejected record without bytes at s.pos.
func (s *Splitter) synthetic(index int, err error) Record {
	s.rec, s.over = false, false
	return Record{Pos: Position{File: s.file, Line: s.line, Index: index}, Offset: s.abs(), Err: err}
}

// nextTop reads the next top-level value. It returns a record, or false
// when the value was an array or an envelope, whose records come next.
func (s *Splitter) nextTop() (Record, bool) {
	if !s.skipSpace() {
		s.mode = modeDone
		return Record{}, false
	}
	switch c := s.buf[s.pos]; c {
	case '{':
		return s.topObject()
	case '[':
		s.pos++
		s.mode, s.index, s.arrState, s.envArray = modeArray, 0, arrOpen, false
		return Record{}, false
	default:
		// Not a record: reject the rest of the line.
		s.begin(-1)
		var err error
		switch {
		case isScalarStart(c):
			s.scanScalar()
			err = s.notObject("", "object", c)
		case c == '"':
			err = typeErr("", "object", c)
		default:
			err = syntaxErr("looking for beginning of value", c, s.line, s.abs())
		}
		return s.finish(s.skipLine(), err), true
	}
}

// topObject reads a top-level object: a record, or an envelope.
func (s *Splitter) topObject() (Record, bool) {
	s.begin(-1)
	s.hook, s.key, s.success, s.sawData = true, keyOther, successNone, false
	s.oneLine = s.layout == layoutLines
	s.stack = s.stack[:0]
	st := s.scan(expValue)
	s.hook, s.oneLine = false, false
	switch st {
	case done:
		end := s.abs()
		if s.layout == layoutUnknown {
			s.layout = layoutFree
			if s.line == s.recLine {
				s.layout = layoutLines
			}
		}
		if s.over || end-s.recOff > int64(s.max) {
			return s.finish(end, nil), true
		}
		obj := s.buf[s.recStart : end-s.base]
		switch {
		case s.success == successFalse:
			return s.finish(end, envelopeErr(obj)), true
		case s.success == successTrue && s.sawData:
			// An envelope whose data came before "success": split the data
			// out of the bytes read.
			start, stop, ok := dataValue(obj)
			if !ok {
				return s.finish(end, framingErr("malformed envelope")), true
			}
			val := bytes.Clone(obj[start:stop])
			s.inner = &Splitter{
				r: bytes.NewReader(val), file: s.file, max: s.max, bufSize: s.bufSize,
				base: s.recOff + int64(start), line: s.recLine + bytes.Count(obj[:start], []byte{'\n'}),
				started: true, mode: modeData, afterData: modeDone,
			}
			s.rec = false
			return Record{}, false
		}
		return s.finish(end, nil), true
	case envData:
		// What was read of the envelope is not a record.
		s.rec, s.over = false, false
		s.mode, s.afterData = modeData, modeEnvRest
		return Record{}, false
	case atEOF:
		return s.finish(s.abs(), truncatedErr("")), true
	}
	// A broken record: it ends with its line, unless the offending byte
	// opens the next line, as when a line lacks its closing brace.
	err := s.err
	if c := s.buf[s.pos]; (c == '{' || c == '[') && s.within() {
		if nl, ok := s.lineStartBefore(); ok {
			return s.finish(nl, err), true
		}
	}
	return s.finish(s.skipLine(), err), true
}

// notObject returns the error for a complete value, begun with c, that is
// not an object. A literal is checked, so that a word is not called a null.
func (s *Splitter) notObject(path, want string, c byte) error {
	if (c == 't' || c == 'f' || c == 'n') && s.within() {
		switch string(s.since(s.recOff)) {
		case "true", "false", "null":
		default:
			return &lead.FieldError{
				Path: path,
				Rule: "invalid literal",
				Err:  &SyntaxError{Char: c, Line: s.recLine, Offset: s.recOff},
			}
		}
	}
	return typeErr(path, want, c)
}

// lineStartBefore reports whether only whitespace lies between the last
// newline of the record and s.pos, and returns that newline's offset.
func (s *Splitter) lineStartBefore() (int64, bool) {
	for i := s.pos - 1; i > s.recStart; i-- {
		switch s.buf[i] {
		case '\n':
			return s.base + int64(i), true
		case ' ', '\t', '\r':
		default:
			return 0, false
		}
	}
	return 0, false
}

// nextElement reads the next element of an array.
func (s *Splitter) nextElement() (Record, bool) {
	if !s.skipSpace() {
		s.mode = modeDone
		return s.synthetic(s.index, truncatedErr("array")), true
	}
	c := s.buf[s.pos]
	if s.arrState == arrValue {
		switch c {
		case ',':
			s.pos++
			s.arrState = arrComma
			return Record{}, false
		case ']':
			s.pos++
			s.closeArray()
			return Record{}, false
		}
		return s.value(s.index, ']', syntaxErr("after array element", c, s.line, s.abs()))
	}
	switch c {
	case ']':
		if s.arrState == arrOpen {
			s.pos++
			s.closeArray()
			return Record{}, false
		}
		s.arrState = arrValue // the ']' closes the array next time
		s.index++
		return s.synthetic(s.index-1, framingErr("trailing comma in array")), true
	case ',':
		s.arrState = arrValue // the ',' separates next time
		s.index++
		return s.synthetic(s.index-1, framingErr("empty array element")), true
	}
	return s.value(s.index, ']', nil)
}

func (s *Splitter) closeArray() {
	if s.envArray {
		s.mode = s.afterData
	} else {
		s.mode = modeTop
	}
}

// value reads one element of an array (index >= 0, closer ']') or the
// value of an envelope's data (index -1, closer '}'). A non-nil pre is the
// error the element has before it is read.
func (s *Splitter) value(index int, closer byte, pre error) (Record, bool) {
	c := s.buf[s.pos]
	s.begin(index)
	if index >= 0 {
		s.index++
		s.arrState = arrValue
	}
	if !isValueStart(c) {
		err := pre
		if err == nil {
			err = syntaxErr("looking for beginning of value", c, s.line, s.abs())
		}
		s.pos++
		s.stack = s.stack[:0]
		if !s.resync(closer) {
			s.mode = modeDone
		}
		return s.finish(s.abs(), err), true
	}
	s.stack = s.stack[:0]
	switch s.scan(expValue) {
	case done:
		err := pre
		if err == nil && c != '{' {
			if index >= 0 {
				err = s.notObject("", "object", c)
			} else {
				err = s.notObject("data", "object, array or null", c)
			}
		}
		return s.finish(s.abs(), err), true
	case atEOF:
		s.mode = modeDone
		return s.finish(s.abs(), truncatedErr("")), true
	}
	err := pre
	if err == nil {
		err = s.err
	}
	if !s.resync(closer) {
		s.mode = modeDone
	}
	return s.finish(s.abs(), err), true
}

// nextData reads the value of an envelope's "data".
func (s *Splitter) nextData() (Record, bool) {
	if !s.skipSpace() {
		s.mode = modeDone
		return s.synthetic(-1, truncatedErr("envelope")), true
	}
	switch s.buf[s.pos] {
	case '[':
		s.pos++
		s.mode, s.index, s.arrState, s.envArray = modeArray, 0, arrOpen, true
		return Record{}, false
	case 'n':
		s.begin(-1)
		s.scanScalar()
		s.mode = s.afterData
		if s.within() && string(s.since(s.recOff)) == "null" {
			s.rec = false
			return Record{}, false
		}
		return s.finish(s.abs(), typeErr("data", "object, array or null", 'n')), true
	}
	s.mode = s.afterData
	return s.value(-1, '}', nil)
}

// nextEnvRest reads the rest of an envelope after its data.
func (s *Splitter) nextEnvRest() (Record, bool) {
	s.stack = append(s.stack[:0], '{')
	switch s.scan(expCommaOrClose) {
	case done:
		s.mode = modeTop
		return Record{}, false
	case atEOF:
		s.mode = modeDone
		return s.synthetic(-1, truncatedErr("envelope")), true
	}
	r := s.synthetic(-1, s.err)
	s.mode = modeTop
	s.skipLine()
	return r, true
}

// dataValue returns where the value of "data" lies in an envelope.
func dataValue(obj []byte) (start, end int, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if _, err := dec.Token(); err != nil {
		return 0, 0, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return 0, 0, false
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return 0, 0, false
		}
		if t == "data" {
			end = int(dec.InputOffset())
			start, ok = end-len(raw), true
		}
	}
	return start, end, ok
}

// envelopeErr returns the error of an error envelope.
func envelopeErr(obj []byte) error {
	var env struct {
		Error   json.RawMessage `json:"error"`      // Pipedrive
		Info    json.RawMessage `json:"error_info"` // Pipedrive
		Message json.RawMessage `json:"message"`    // Copper: {"success":false,"status":422,"message":...}
	}
	_ = json.Unmarshal(obj, &env) // a field that fails to decode stays empty
	msg := text(env.Error)
	if msg == "" {
		msg = text(env.Message)
	}
	return &lead.FieldError{Rule: "error envelope", Err: &EnvelopeError{Message: msg, Info: text(env.Info)}}
}

// text returns a JSON string's text, or the JSON of any other value but null.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}
