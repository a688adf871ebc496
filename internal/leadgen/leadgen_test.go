package leadgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/leadbridge/leadbridge/internal/golden"
)

// root is the repository's testdata directory.
var root = filepath.Join("..", "..", "testdata")

type generator struct {
	name string
	gen  func(io.Writer, int, Options) error
}

var generators = []generator{{"pipedrive", Pipedrive}, {"copper", Copper}}

func generate(t testing.TB, gen func(io.Writer, int, Options) error, n int, seed uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gen(&b, n, Options{Seed: seed}); err != nil {
		t.Fatalf("generate(n=%d, seed=%d): %v", n, seed, err)
	}
	return b.Bytes()
}

func lines(b []byte) [][]byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	if len(b) == 0 {
		return nil
	}
	return bytes.Split(b, []byte("\n"))
}

func TestEveryLineIsValidJSON(t *testing.T) {
	for _, g := range generators {
		for _, seed := range []uint64{0, 1, 2, 42, 1 << 63, ^uint64(0)} {
			t.Run(fmt.Sprintf("%s/seed=%d", g.name, seed), func(t *testing.T) {
				out := generate(t, g.gen, 3000, seed)
				if !bytes.HasSuffix(out, []byte("\n")) {
					t.Fatal("output does not end in a newline")
				}
				ls := lines(out)
				if len(ls) != 3000 {
					t.Fatalf("got %d lines, want 3000", len(ls))
				}
				for i, l := range ls {
					if !json.Valid(l) {
						t.Fatalf("line %d is not valid JSON:\n%s", i+1, l)
					}
					if !utf8.Valid(l) {
						t.Fatalf("line %d is not valid UTF-8", i+1)
					}
					if l[0] != '{' {
						t.Fatalf("line %d is not an object: %.40s", i+1, l)
					}
				}
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, g := range generators {
		t.Run(g.name, func(t *testing.T) {
			a := generate(t, g.gen, 2000, 7)
			b := generate(t, g.gen, 2000, 7)
			if !bytes.Equal(a, b) {
				t.Fatal("the same seed gave different bytes")
			}
			c := generate(t, g.gen, 2000, 8)
			if bytes.Equal(a, c) {
				t.Fatal("seeds 7 and 8 gave the same bytes")
			}
			// A shorter run is a prefix of a longer one with the same seed.
			if p := generate(t, g.gen, 100, 7); !bytes.HasPrefix(a, p) {
				t.Fatal("100 leads are not a prefix of 2000 leads of the same seed")
			}
		})
	}
}

// TestVendorsDiffer: the Pipedrive and Copper streams of one seed are
// unrelated, so the vendors' files of one seed do not share their randomness.
func TestVendorsDiffer(t *testing.T) {
	var a, b [4]uint64
	ga, gb := newGen(io.Discard, 1, pipedriveStream), newGen(io.Discard, 1, copperStream)
	for i := range a {
		a[i], b[i] = ga.src.Uint64(), gb.src.Uint64()
	}
	if a == b {
		t.Fatal("the Pipedrive and Copper streams of seed 1 are equal")
	}
}

func TestZeroAndNegativeCount(t *testing.T) {
	for _, g := range generators {
		t.Run(g.name, func(t *testing.T) {
			if out := generate(t, g.gen, 0, 1); len(out) != 0 {
				t.Errorf("n=0 wrote %d bytes", len(out))
			}
			if err := g.gen(io.Discard, -1, Options{}); !errors.Is(err, ErrNegativeCount) {
				t.Errorf("n=-1: err = %v, want ErrNegativeCount", err)
			}
		})
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

func TestWriterErrorIsReturned(t *testing.T) {
	boom := errors.New("disk full")
	for _, g := range generators {
		t.Run(g.name, func(t *testing.T) {
			if err := g.gen(failWriter{boom}, 10, Options{}); !errors.Is(err, boom) {
				t.Errorf("err = %v, want %v", err, boom)
			}
		})
	}
}

// TestSampleFiles pins the committed 50-lead samples: they are exactly what
// the generator writes for seed 1 (regenerate with -update, or with the
// command in testdata/README.md).
func TestSampleFiles(t *testing.T) {
	for _, g := range generators {
		t.Run(g.name, func(t *testing.T) {
			golden.Check(t, filepath.Join(root, g.name, "leads.ndjson"), generate(t, g.gen, 50, 1))
		})
	}
}

var (
	uuidRE      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	dateRE      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	clockRE     = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}$`)
	amountRE    = regexp.MustCompile(`^(0|[1-9]\d*)(\.\d{1,2})?$`)
	currencyRE  = regexp.MustCompile(`^[A-Z]{3}$`)
	ccEmailRE   = regexp.MustCompile(`^northwind\+7324118\+lead[0-9A-Za-z]{22}@pipedrivemail\.com$`)
	pdStdFields = []string{
		"id", "title", "owner_id", "creator_id", "label_ids", "person_id", "organization_id",
		"source_name", "origin", "origin_id", "channel", "channel_id", "is_archived", "was_seen",
		"value", "expected_close_date", "next_activity_id", "add_time", "update_time", "visible_to", "cc_email",
	}
)

func decode(t testing.TB, b []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatalf("decode %.80s: %v", b, err)
	}
	return m
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Year() < 2020 || d.Year() > 2027 {
		t.Fatalf("date %q: want a valid date in 2020–2027 (%v)", s, err)
	}
	return d
}

// TestPipedriveShape checks the documented rules on many generated leads
// and the promised proportions of nulls and escapes.
func TestPipedriveShape(t *testing.T) {
	const n = 5000
	out := generate(t, Pipedrive, n, 3)
	fields := map[string]pdField{}
	for _, f := range pdCustomFields {
		fields[f.key] = f
	}
	var nulls, nullable, escaped, bytesTotal int
	seenType := map[string]bool{}
	for i, l := range lines(out) {
		bytesTotal += len(l) + 1
		if bytes.Contains(l, []byte(`\u`)) {
			escaped++
		}
		m := decode(t, l)
		for _, k := range pdStdFields {
			if _, ok := m[k]; !ok {
				t.Fatalf("line %d: key %q missing", i+1, k)
			}
		}
		for _, k := range []string{"person_id", "organization_id", "origin_id", "channel", "channel_id", "value", "expected_close_date", "next_activity_id"} {
			nullable++
			if m[k] == nil {
				nulls++
			}
		}
		if m["person_id"] == nil && m["organization_id"] == nil {
			t.Fatalf("line %d: neither person_id nor organization_id", i+1)
		}
		if !uuidRE.MatchString(m["id"].(string)) {
			t.Fatalf("line %d: id %q is not a version-1 UUID", i+1, m["id"])
		}
		labels := m["label_ids"].([]any)
		if len(labels) > 3 {
			t.Fatalf("line %d: %d labels", i+1, len(labels))
		}
		for _, id := range labels {
			if !containsString(pdLabelIDs, id.(string)) {
				t.Fatalf("line %d: unknown label %v", i+1, id)
			}
		}
		if v, ok := m["value"].(map[string]any); ok {
			if !amountRE.MatchString(string(v["amount"].(json.Number))) || !currencyRE.MatchString(v["currency"].(string)) {
				t.Fatalf("line %d: value %v", i+1, v)
			}
		}
		add, err1 := time.Parse("2006-01-02T15:04:05.000Z", m["add_time"].(string))
		upd, err2 := time.Parse("2006-01-02T15:04:05.000Z", m["update_time"].(string))
		if err1 != nil || err2 != nil || upd.Before(add) || add.Year() < 2020 || upd.Year() > 2027 {
			t.Fatalf("line %d: add_time %v, update_time %v (%v, %v)", i+1, m["add_time"], m["update_time"], err1, err2)
		}
		if d, ok := m["expected_close_date"].(string); ok {
			day(t, d)
		}
		if vt := m["visible_to"]; vt != "1" && vt != "3" && vt != "5" && vt != "7" {
			t.Fatalf("line %d: visible_to %v", i+1, vt)
		}
		if !ccEmailRE.MatchString(m["cc_email"].(string)) {
			t.Fatalf("line %d: cc_email %v", i+1, m["cc_email"])
		}
		custom := 0
		for k, v := range m {
			if containsString(pdStdFields, k) {
				continue
			}
			base, suffix := k[:min(40, len(k))], k[min(40, len(k)):]
			f, ok := fields[base]
			if !ok {
				t.Fatalf("line %d: key %q is not a custom field of dealFields.json", i+1, k)
			}
			if suffix == "" {
				custom++
				seenType[f.typ] = true
				checkPipedriveValue(t, i+1, f, m, v)
			} else if !validCompanion(f.typ, suffix) {
				t.Fatalf("line %d: companion %q on a %s field", i+1, k, f.typ)
			}
		}
		if custom > 5 {
			t.Fatalf("line %d: %d custom fields", i+1, custom)
		}
	}
	for _, f := range pdCustomFields {
		if !seenType[f.typ] {
			t.Errorf("no %s custom field in %d leads", f.typ, n)
		}
	}
	share := float64(nulls) / float64(nullable)
	if share < 0.15 || share > 0.40 {
		t.Errorf("null share %.2f, want 0.15–0.40", share)
	}
	if esc := float64(escaped) / n; esc < 0.06 || esc > 0.14 {
		t.Errorf("%.3f of lines use \\u escapes, want about 0.10", esc)
	}
	if avg := bytesTotal / n; avg < 700 || avg > 810 {
		t.Errorf("average line %d bytes, want about 755", avg)
	}
}

func validCompanion(typ, suffix string) bool {
	switch typ {
	case "monetary":
		return suffix == "_currency"
	case "daterange", "timerange":
		return suffix == "_until"
	case "address":
		return strings.HasPrefix(suffix, "_")
	}
	return false
}

func checkPipedriveValue(t *testing.T, line int, f pdField, m map[string]any, v any) {
	t.Helper()
	bad := func() { t.Fatalf("line %d: %s value %#v", line, f.typ, v) }
	switch f.typ {
	case "double":
		if !amountRE.MatchString(string(v.(json.Number))) {
			bad()
		}
	case "monetary":
		if !amountRE.MatchString(string(v.(json.Number))) || !currencyRE.MatchString(m[f.key+"_currency"].(string)) {
			bad()
		}
	case "date":
		day(t, v.(string))
	case "daterange":
		if day(t, m[f.key+"_until"].(string)).Before(day(t, v.(string))) {
			bad()
		}
	case "time":
		if !clockRE.MatchString(v.(string)) {
			bad()
		}
	case "timerange":
		until := m[f.key+"_until"].(string)
		if !clockRE.MatchString(v.(string)) || !clockRE.MatchString(until) || until <= v.(string) {
			bad()
		}
	case "enum":
		if !optionList(f.options, v.(string), 1) {
			bad()
		}
	case "set":
		if !optionList(f.options, v.(string), 3) {
			bad()
		}
	case "user", "org", "people":
		if _, err := v.(json.Number).Int64(); err != nil {
			bad()
		}
	case "address":
		for _, s := range []string{"_locality", "_country", "_postal_code", "_formatted_address"} {
			if _, ok := m[f.key+s].(string); !ok {
				t.Fatalf("line %d: address without %s", line, s)
			}
		}
	default:
		if s, ok := v.(string); !ok || s == "" {
			bad()
		}
	}
}

// optionList reports whether s is 1..max distinct option ids joined by commas.
func optionList(options []int, s string, max int) bool {
	parts := strings.Split(s, ",")
	if len(parts) > max {
		return false
	}
	seen := map[string]bool{}
	for _, p := range parts {
		if seen[p] || !containsString(intStrings(options), p) {
			return false
		}
		seen[p] = true
	}
	return true
}

func intStrings(v []int) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = fmt.Sprint(x)
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCopperShape checks the documented rules on many generated leads.
func TestCopperShape(t *testing.T) {
	const n = 3000
	out := generate(t, Copper, n, 3)
	statuses := map[string]int{}
	for _, s := range cpStatuses {
		statuses[s.name] = s.id
	}
	var lastID int64
	for i, l := range lines(out) {
		m := decode(t, l)
		id, _ := m["id"].(json.Number).Int64()
		if id <= lastID {
			t.Fatalf("line %d: id %d not increasing", i+1, id)
		}
		lastID = id
		checkCopperName(t, i+1, m)
		if sid, _ := m["status_id"].(json.Number).Int64(); statuses[m["status"].(string)] != int(sid) {
			t.Fatalf("line %d: status %v with status_id %v", i+1, m["status"], m["status_id"])
		}
		if e, ok := m["email"].(map[string]any); ok {
			if !strings.Contains(e["email"].(string), "@") || !containsString([]string{"work", "personal", "other"}, e["category"].(string)) {
				t.Fatalf("line %d: email %v", i+1, e)
			}
		}
		if m["monetary_unit"] != nil && m["monetary_value"] == nil {
			t.Fatalf("line %d: monetary_unit without monetary_value", i+1)
		}
		checkCategories(t, i+1, m, "phone_numbers", "number", "mobile", "work", "home", "other")
		checkCategories(t, i+1, m, "websites", "url", "work", "personal", "other")
		checkCategories(t, i+1, m, "socials", "url", "linkedin", "twitter", "googleplus", "facebook", "youtube", "quora", "foursquare", "klout", "gravatar", "other")
		if len(m["phone_numbers"].([]any)) > 3 {
			t.Fatalf("line %d: more than 3 phones", i+1)
		}
		cfs := m["custom_fields"].([]any)
		if len(cfs) != len(cpDefs) {
			t.Fatalf("line %d: %d custom fields, want %d", i+1, len(cfs), len(cpDefs))
		}
		for j, cf := range cfs {
			checkCopperCustom(t, i+1, cpDefs[j], cf.(map[string]any))
		}
		created, _ := m["date_created"].(json.Number).Int64()
		modified, _ := m["date_modified"].(json.Number).Int64()
		if modified < created || time.Unix(created, 0).UTC().Year() < 2020 || time.Unix(modified, 0).UTC().Year() > 2027 {
			t.Fatalf("line %d: date_created %d, date_modified %d", i+1, created, modified)
		}
		if lc, ok := m["date_last_contacted"].(json.Number); ok {
			if v, _ := lc.Int64(); v < created || v > modified {
				t.Fatalf("line %d: date_last_contacted %d outside [%d, %d]", i+1, v, created, modified)
			}
		}
	}
}

func checkCopperName(t *testing.T, line int, m map[string]any) {
	t.Helper()
	str := func(k string) string { s, _ := m[k].(string); return s }
	want := strings.Join(nonEmpty(str("prefix"), str("first_name"), str("middle_name"), str("last_name")), " ")
	if s := str("suffix"); s != "" {
		want += ", " + s
	}
	if str("name") != want {
		t.Fatalf("line %d: name %q does not match its parts (%q)", line, str("name"), want)
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func checkCategories(t *testing.T, line int, m map[string]any, list, field string, categories ...string) {
	t.Helper()
	for _, e := range m[list].([]any) {
		e := e.(map[string]any)
		if s, _ := e[field].(string); s == "" || !containsString(categories, e["category"].(string)) {
			t.Fatalf("line %d: %s entry %v", line, list, e)
		}
	}
}

func checkCopperCustom(t *testing.T, line int, d cpDef, cf map[string]any) {
	t.Helper()
	if id, _ := cf["custom_field_definition_id"].(json.Number).Int64(); int(id) != d.id {
		t.Fatalf("line %d: custom field %v, want definition %d", line, cf["custom_field_definition_id"], d.id)
	}
	v := cf["value"]
	bad := func() { t.Fatalf("line %d: %s value %#v", line, d.typ, v) }
	switch d.typ {
	case "Checkbox":
		if _, ok := v.(bool); !ok {
			bad()
		}
	case "MultiSelect":
		list, ok := v.([]any)
		if !ok {
			bad()
		}
		for _, o := range list {
			if !containsString(intStrings(d.options), string(o.(json.Number))) {
				bad()
			}
		}
	case "Dropdown":
		if v != nil && !containsString(intStrings(d.options), string(v.(json.Number))) {
			bad()
		}
	case "Connect":
		if v != nil {
			bad()
		}
	case "Date", "Percentage":
		if v != nil {
			if _, err := v.(json.Number).Int64(); err != nil {
				bad()
			}
		}
	case "Float", "Currency":
		if v != nil && !strings.Contains(string(v.(json.Number)), ".") {
			bad()
		}
	default:
		if v != nil {
			if s, ok := v.(string); !ok || s == "" {
				bad()
			}
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, raw, asc string }{
		{"plain", "plain", "plain"},
		{`a"b\c`, `a\"b\\c`, `a\"b\\c`},
		{"line\nnext\ttab\r", `line\nnext\ttab\r`, `line\nnext\ttab\r`},
		{"\x01", `\u0001`, `\u0001`},
		{"Café", "Café", `Caf\u00e9`},
		{"e\u0301", "e\u0301", `e\u0301`},
		{"上海", "上海", `\u4e0a\u6d77`},
		{"🚀", "🚀", `\ud83d\ude80`},
		{"👩🏽\u200d💻", "👩🏽\u200d💻", `\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb`},
	}
	for _, tt := range tests {
		got := mk(tt.in)
		if got.raw != tt.raw || got.asc != tt.asc {
			t.Errorf("mk(%q) = {%q, %q}, want {%q, %q}", tt.in, got.raw, got.asc, tt.raw, tt.asc)
		}
		for _, s := range []string{got.raw, got.asc} {
			var back string
			if err := json.Unmarshal([]byte(`"`+s+`"`), &back); err != nil || back != tt.in {
				t.Errorf("%q decodes to %q (%v), want %q", s, back, err, tt.in)
			}
		}
	}
}

func TestCivil(t *testing.T) {
	for d := 0; d < 25000; d += 7 {
		y, m, dd := civil(d)
		want := time.Unix(int64(d)*86400, 0).UTC()
		if y != want.Year() || time.Month(m) != want.Month() || dd != want.Day() {
			t.Fatalf("civil(%d) = %d-%d-%d, want %s", d, y, m, dd, want.Format(time.DateOnly))
		}
	}
	if y, m, d := civil(day2020); y != 2020 || m != 1 || d != 1 {
		t.Errorf("day2020 is %d-%d-%d", y, m, d)
	}
	if y, m, d := civil(day2027); y != 2027 || m != 12 || d != 31 {
		t.Errorf("day2027 is %d-%d-%d", y, m, d)
	}
}

func TestDecimalKeepsScale(t *testing.T) {
	tests := []struct {
		units int64
		scale int
		want  string
	}{
		{150050, 2, "1500.50"}, {150000, 2, "1500.00"}, {7, 2, "0.07"}, {15005, 1, "1500.5"}, {10, 1, "1.0"}, {1500, 0, "1500"},
	}
	for _, tt := range tests {
		g := newGen(io.Discard, 0, 0)
		g.decimal(tt.units, tt.scale)
		if string(g.buf) != tt.want {
			t.Errorf("decimal(%d, %d) = %s, want %s", tt.units, tt.scale, g.buf, tt.want)
		}
	}
}
