package leadgen

import (
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
)

// Options configures a generator run. The zero value is ready to use and
// means seed 0.
type Options struct {
	// Seed selects the file: the same seed gives the same bytes.
	Seed uint64
}

// ErrNegativeCount is returned for a negative number of leads.
var ErrNegativeCount = errors.New("leadgen: negative lead count")

// Stream constants keep the Pipedrive and Copper files of one seed unrelated.
const (
	pipedriveStream = 0x5049504544524956 // "PIPEDRIV"
	copperStream    = 0x434f505045524c44 // "COPPERLD"
)

// flushAt is the buffer size at which a generator hands its bytes to the
// writer; lines are never split across writes.
const flushAt = 64 << 10

// Day numbers (days since 1970-01-01) of the dates the generator uses.
const (
	day2020 = 18262 // 2020-01-01
	day2027 = 21183 // 2027-12-31
)

// gen holds the state of one run: the random source and the line buffer.
type gen struct {
	src *rand.PCG
	buf []byte
	w   io.Writer
	esc bool // the current line writes non-ASCII characters as \uXXXX
}

func newGen(w io.Writer, seed, stream uint64) *gen {
	return &gen{src: rand.NewPCG(seed, stream), buf: make([]byte, 0, flushAt+8<<10), w: w}
}

// run writes n lines, calling line for each, and flushes.
func (g *gen) run(n int, line func(i int)) error {
	if n < 0 {
		return ErrNegativeCount
	}
	for i := range n {
		line(i)
		g.buf = append(g.buf, '\n')
		if len(g.buf) >= flushAt {
			if err := g.flush(); err != nil {
				return err
			}
		}
	}
	return g.flush()
}

func (g *gen) flush() error {
	if len(g.buf) == 0 {
		return nil
	}
	_, err := g.w.Write(g.buf)
	g.buf = g.buf[:0]
	return err
}

// n returns a number in [0, k) for 0 < k < 2³²: the high 32 bits of the next
// value scaled by k (Lemire's method without the rejection step; the bias is
// below 2⁻²⁰ for the small k used here and does not matter for samples).
func (g *gen) n(k int) int {
	return int(((g.src.Uint64() >> 32) * uint64(k)) >> 32)
}

// between returns a number in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.n(hi-lo+1) }

// chance reports true with probability pct/100.
func (g *gen) chance(pct int) bool { return g.n(100) < pct }

// pick returns an index drawn from the weights.
func (g *gen) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.n(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// --- appending JSON pieces -------------------------------------------------

func (g *gen) raw(s string) { g.buf = append(g.buf, s...) }

func (g *gen) key(k string) {
	g.buf = append(g.buf, '"')
	g.buf = append(g.buf, k...)
	g.buf = append(g.buf, '"', ':')
}

func (g *gen) null() { g.buf = append(g.buf, "null"...) }

func (g *gen) int(v int) { g.buf = strconv.AppendInt(g.buf, int64(v), 10) }

func (g *gen) bool(v bool) { g.buf = strconv.AppendBool(g.buf, v) }

// text appends a pre-escaped string body (no quotes) in the line's escaping
// mode.
func (g *gen) text(t *text) {
	if g.esc {
		g.buf = append(g.buf, t.asc...)
	} else {
		g.buf = append(g.buf, t.raw...)
	}
}

// str appends a quoted pre-escaped string.
func (g *gen) str(t *text) {
	g.buf = append(g.buf, '"')
	g.text(t)
	g.buf = append(g.buf, '"')
}

// ascii appends a quoted string known to need no escaping.
func (g *gen) ascii(s string) {
	g.buf = append(g.buf, '"')
	g.buf = append(g.buf, s...)
	g.buf = append(g.buf, '"')
}

// digits appends k random decimal digits.
func (g *gen) digits(k int) {
	for range k {
		g.buf = append(g.buf, byte('0'+g.n(10)))
	}
}

// pattern appends p with every '#' replaced by a random digit.
func (g *gen) pattern(p string) {
	for i := 0; i < len(p); i++ {
		if p[i] == '#' {
			g.buf = append(g.buf, byte('0'+g.n(10)))
		} else {
			g.buf = append(g.buf, p[i])
		}
	}
}

func (g *gen) pad2(v int) { g.buf = append(g.buf, byte('0'+v/10), byte('0'+v%10)) }

// decimal appends units with the given number of decimals (0, 1 or 2),
// keeping trailing zeros: decimal(150050, 2) is 1500.50.
func (g *gen) decimal(units int64, scale int) {
	if scale == 0 {
		g.buf = strconv.AppendInt(g.buf, units, 10)
		return
	}
	div := int64(10)
	if scale == 2 {
		div = 100
	}
	g.buf = strconv.AppendInt(g.buf, units/div, 10)
	g.buf = append(g.buf, '.')
	frac := units % div
	if scale == 2 {
		g.pad2(int(frac))
	} else {
		g.buf = append(g.buf, byte('0'+frac))
	}
}

// money appends an amount in [lo, hi] whole units with 0, 1 or 2 decimals;
// zeroDecimals forces whole units (JPY, KRW).
func (g *gen) money(lo, hi int, zeroDecimals bool) {
	whole := int64(g.between(lo, hi))
	if zeroDecimals {
		g.decimal(whole, 0)
		return
	}
	switch g.pick([]int{55, 10, 35}) {
	case 0:
		g.decimal(whole, 0)
	case 1:
		g.decimal(whole*10+int64(g.n(10)), 1)
	default:
		g.decimal(whole*100+int64(g.n(100)), 2)
	}
}

// civil converts a day number to a proleptic Gregorian date (Howard
// Hinnant's days_from_civil inverse), for days on or after 1970-01-01.
func civil(days int) (y, m, d int) {
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// date appends a quoted YYYY-MM-DD.
func (g *gen) date(day int) {
	y, m, d := civil(day)
	g.buf = append(g.buf, '"')
	g.buf = strconv.AppendInt(g.buf, int64(y), 10)
	g.buf = append(g.buf, '-')
	g.pad2(m)
	g.buf = append(g.buf, '-')
	g.pad2(d)
	g.buf = append(g.buf, '"')
}

// clock appends HH:MM:SS for a second of the day.
func (g *gen) clock(sec int) {
	g.pad2(sec / 3600)
	g.buf = append(g.buf, ':')
	g.pad2(sec / 60 % 60)
	g.buf = append(g.buf, ':')
	g.pad2(sec % 60)
}

// timestamp appends a quoted UTC date-time with milliseconds, as Pipedrive
// writes add_time: "2020-10-14T11:30:36.551Z".
func (g *gen) timestamp(day, sec, ms int) {
	y, m, d := civil(day)
	g.buf = append(g.buf, '"')
	g.buf = strconv.AppendInt(g.buf, int64(y), 10)
	g.buf = append(g.buf, '-')
	g.pad2(m)
	g.buf = append(g.buf, '-')
	g.pad2(d)
	g.buf = append(g.buf, 'T')
	g.clock(sec)
	g.buf = append(g.buf, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z', '"')
}

const hexDigits = "0123456789abcdef"

// uuidV1 appends a quoted RFC 9562 UUID with version 1 and the RFC variant,
// the form Pipedrive uses for lead and label ids.
func (g *gen) uuidV1() {
	hi, lo := g.src.Uint64(), g.src.Uint64()
	hi = hi&^0xf000 | 0x1000           // version 1
	lo = lo&^(0xc000<<48) | 0x8000<<48 // variant 10xx
	g.buf = append(g.buf, '"')
	for i := 60; i >= 0; i -= 4 {
		g.buf = append(g.buf, hexDigits[hi>>uint(i)&0xf])
		if i == 32 || i == 16 {
			g.buf = append(g.buf, '-')
		}
	}
	g.buf = append(g.buf, '-')
	for i := 60; i >= 0; i -= 4 {
		g.buf = append(g.buf, hexDigits[lo>>uint(i)&0xf])
		if i == 48 {
			g.buf = append(g.buf, '-')
		}
	}
	g.buf = append(g.buf, '"')
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// token appends k base-62 characters.
func (g *gen) token(k int) {
	var x uint64
	for i := range k {
		if i%10 == 0 {
			x = g.src.Uint64()
		}
		g.buf = append(g.buf, base62[(x&63)%62])
		x >>= 6
	}
}
