package connect

import (
	"slices"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// appendReport appends rep's JSON, [] for an exact conversion: what
// encoding/json writes for a lead.Report with HTML escaping off, without
// reflection, which cost a sixth of the processor's time. Strings go
// through the library's own encoder, jsonwire.AppendString. report_test.go
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
		dst = jsonwire.AppendString(dst, c.Path)
		dst = append(dst, `,"kind":`...)
		dst = jsonwire.AppendString(dst, string(c.Kind))
		dst = append(dst, `,"reason":`...)
		dst = jsonwire.AppendString(dst, c.Reason)
		if c.Detail != "" {
			dst = append(dst, `,"detail":`...)
			dst = jsonwire.AppendString(dst, c.Detail)
		}
		if c.Loss != "" {
			dst = append(dst, `,"loss":`...)
			dst = jsonwire.AppendString(dst, string(c.Loss))
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}
