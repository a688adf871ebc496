package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// A labeler names the fields of the summary. Report paths locate a field in
// one record; the summary counts fields over all records, so a label folds
// array indexes (tags[0] and tags[1] are tags[]) and names a custom field
// by what identifies it in every record: its 40-hex key (Pipedrive), its
// definition id (Copper) or its key (canonical), with its name from the
// account's deal fields or field definitions, or from the record. The zero
// labeler only folds indexes.
type labeler struct {
	from     convert.Format
	pdFields map[string]string // Pipedrive custom-field names by 40-hex key
	cpFields map[int64]string  // Copper custom-field names by definition id
}

// newLabeler returns the labeler of a run from the format from, with the
// custom-field names the set-up c loaded.
func newLabeler(from convert.Format, c convert.Converter) *labeler {
	l := &labeler{from: from, pdFields: map[string]string{}, cpFields: map[int64]string{}}
	for key, f := range c.Pipedrive.Fields {
		l.pdFields[key] = f.Name
	}
	for _, d := range c.Copper.Definitions {
		l.cpFields[d.ID] = d.Name
	}
	return l
}

// customField is what a record's custom_fields[i] tells of its field.
type customField struct {
	DefinitionID int64  // Copper: custom_field_definition_id
	Key, Name    string // canonical: key and name
}

// decoders keeps the Decoders of customFields for reuse: a Decoder
// allocates little once it has grown.
var decoders sync.Pool

// customFields returns what the custom_fields of the record rec (a record
// the converter took) tell of each field; nothing when rec cannot be read,
// and then only indexes fold.
func customFields(rec []byte) []customField {
	var fields []customField
	d, _ := decoders.Get().(*jsonwire.Decoder)
	if d == nil {
		d = jsonwire.NewDecoder(nil)
	}
	d.Reset(rec)
	defer decoders.Put(d)
	err := d.Object(func(key []byte) error {
		if string(key) != "custom_fields" {
			return d.Skip()
		}
		return d.Array(func(int) error {
			var f customField
			err := d.Object(func(key []byte) error {
				var err error
				switch string(key) {
				case "custom_field_definition_id":
					f.DefinitionID, err = d.Int64()
				case "key":
					f.Key, err = d.String()
				case "name":
					f.Name, err = d.String()
				default:
					err = d.Skip()
				}
				return err
			})
			fields = append(fields, f)
			return err
		})
	})
	if err != nil {
		return nil
	}
	return fields
}

// summarize returns the summary entries of one record's report: one per
// labelled field and kind, so that the summary counts records, with the
// first reason the report gives for it.
func (l *labeler) summarize(rec []byte, rep lead.Report) []summaryEntry {
	var fields []customField
	decoded := false
	out := make([]summaryEntry, 0, len(rep))
	for _, c := range rep {
		if !decoded && strings.HasPrefix(c.Path, "custom_fields[") {
			decoded = true
			fields = customFields(rec)
		}
		kind := c.Kind
		if c.Loss != "" {
			kind += lead.ChangeKind(" (" + c.Loss + ")") // dropped (unmapped)
		}
		k := changeKey{l.label(c.Path, fields), kind}
		if !slices.ContainsFunc(out, func(e summaryEntry) bool { return e.key == k }) {
			out = append(out, summaryEntry{k, c.Reason})
		}
	}
	return out
}

// label returns the summary's name of the field at path, given the
// record's custom fields.
func (l *labeler) label(path string, fields []customField) string {
	if path == "" {
		return "(root)"
	}
	name := ""
	if l != nil {
		// A Pipedrive key is a top-level key of a Pipedrive lead, and a
		// key of vendor.pipedrive.fields in a canonical one.
		for seg := range strings.SplitSeq(path, ".") {
			if isHexKey(seg) {
				name = l.pdFields[seg[:40]]
				break
			}
		}
	}
	if rest, ok := strings.CutPrefix(path, "custom_fields["); ok {
		if i, after, ok := strings.Cut(rest, "]"); ok {
			if n, err := strconv.Atoi(i); err == nil && n >= 0 && n < len(fields) {
				f := fields[n]
				switch {
				case l != nil && l.from == convert.Copper && f.DefinitionID != 0:
					path = "custom_fields[id=" + strconv.FormatInt(f.DefinitionID, 10) + "]" + after
					name = l.cpFields[f.DefinitionID]
				case f.Key != "":
					path = "custom_fields[key=" + f.Key + "]" + after
					name = f.Name
				}
			}
		}
	}
	path = foldIndexes(path)
	if name != "" {
		path += " (" + name + ")"
	}
	return path
}

// isHexKey reports whether path starts with a Pipedrive custom-field key:
// 40 lower-case hex digits, alone or followed by a suffix or a subpath.
func isHexKey(path string) bool {
	if len(path) < 40 {
		return false
	}
	for i := range 40 {
		c := path[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return len(path) == 40 || !isHexDigit(path[40])
}

func isHexDigit(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// foldIndexes turns each numeric array index of path into "[]"; keyed
// selectors ("[id=7]") stay.
func foldIndexes(path string) string {
	if strings.IndexByte(path, '[') < 0 {
		return path
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(path, '[')
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.IndexByte(path[i:], ']')
		if j < 0 {
			b.WriteString(path)
			return b.String()
		}
		b.WriteString(path[:i+1])
		if _, err := strconv.Atoi(path[i+1 : i+j]); err != nil {
			b.WriteString(path[i+1 : i+j])
		}
		b.WriteByte(']')
		path = path[i+j+1:]
	}
}

// changeKey counts changes in the summary: a labelled field and a kind.
type changeKey struct {
	field string
	kind  lead.ChangeKind
}

// A summaryEntry is one record's change of one field and kind, with the
// report's reason.
type summaryEntry struct {
	key    changeKey
	reason string
}

// A changeCount is how many records a field and kind changed, and why.
type changeCount struct {
	records int
	reasons map[string]int
}

// stats are the counts of a run.
type stats struct {
	read, converted, rejected int
	changes                   map[changeKey]*changeCount
}

func (s *stats) count(entries []summaryEntry) {
	for _, e := range entries {
		if s.changes == nil {
			s.changes = make(map[changeKey]*changeCount)
		}
		c := s.changes[e.key]
		if c == nil {
			c = &changeCount{reasons: map[string]int{}}
			s.changes[e.key] = c
		}
		c.records++
		c.reasons[e.reason]++
	}
}

// writeSummary writes the summary of a run: the counts, then per field
// and kind the number of records it changed, sorted. A field changed in
// more than one way shows why each: the reason most records gave.
func writeSummary(w io.Writer, s *stats, passed string) {
	fmt.Fprintf(w, "leadconv: %d read, %d %s, %d rejected\n", s.read, s.converted, passed, s.rejected)
	if len(s.changes) == 0 {
		return
	}
	keys := slices.SortedFunc(maps.Keys(s.changes), func(a, b changeKey) int {
		return cmp.Or(cmp.Compare(a.field, b.field), cmp.Compare(a.kind, b.kind))
	})
	kinds := map[string]int{}
	for _, k := range keys {
		kinds[k.field]++
	}
	fmt.Fprintln(w, "leadconv: records changed, by field and kind:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range keys {
		c := s.changes[k]
		fmt.Fprintf(tw, "  %s\t%s\t%d", k.field, k.kind, c.records)
		if kinds[k.field] > 1 {
			fmt.Fprintf(tw, "\t%s", c.why())
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// why returns the reason most records gave, and how many others there
// were.
func (c *changeCount) why() string {
	reasons := slices.SortedFunc(maps.Keys(c.reasons), func(a, b string) int {
		return cmp.Or(cmp.Compare(c.reasons[b], c.reasons[a]), cmp.Compare(a, b))
	})
	why := cmp.Or(reasons[0], "(no reason given)")
	switch n := len(reasons) - 1; n {
	case 0:
	case 1:
		why += " (and 1 other reason)"
	default:
		why += fmt.Sprintf(" (and %d other reasons)", n)
	}
	return why
}
