package connect

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// ProcessorName is the name of the processor in a Benthos configuration.
const ProcessorName = "leadbridge"

// The ways a converted message carries its report (the processor's
// report field).
const (
	ReportMetadata = "metadata" // lead.Report's JSON in the metadata key report_key
	ReportWrap     = "wrap"     // {"record": <converted record>, "report": <lead.Report>}
	ReportNone     = "none"     // no report
)

// ProcessorSpec returns the configuration spec of the leadbridge
// processor.
func ProcessorSpec() *service.ConfigSpec {
	formats := []string{string(convert.Canonical), string(convert.Pipedrive), string(convert.Copper)}
	return service.NewConfigSpec().
		Beta().
		Categories("Parsing").
		Summary("Converts CRM leads between Pipedrive's and Copper's shapes and leadbridge's canonical shape, with a report of every field the conversion dropped, derived, changed or defaulted.").
		Description(`
Each message is one lead (a JSON object) of the format `+"`from`"+`; the processor replaces it with the lead of the format `+"`to`"+`, as `+"`leadconv convert`"+` writes it:

- canonical → pipedrive: the body of Pipedrive's POST /v1/leads.
- canonical or pipedrive → copper: the body of Copper's POST /leads.
- copper → pipedrive: a bundle of the person, organization and lead to create, in order.
- pipedrive → pipedrive and copper → copper: the lead object back, through the canonical shape.
- anything → canonical: leadbridge's canonical lead.

A message that cannot be converted keeps its bytes and is flagged as errored: its error (`+"`error()`"+`) lists one "path: rule" line per broken rule, and the metadata key `+"`errors_key`"+` holds the same errors as a JSON array of {path, rule, message}. Route rejects with `+"`errored()`"+` in a `+"`switch`"+` output, a `+"`catch`"+` processor or a dead-letter output; nothing is dropped.

The settings are read and checked when the stream starts; an error names the field.`).
		Fields(
			service.NewStringEnumField("from", formats...).
				Description("The format of the input messages.").
				LintRule(enumLint("from", "format", formats...)),
			service.NewStringEnumField("to", formats...).
				Description("The format to convert them to.").
				LintRule(enumLint("to", "format", formats...)),
			service.NewStringField("mapping").
				Description("A mapping file that pairs the two accounts' ids (users, labels, sources, statuses, custom fields), as leadconv's --mapping.").
				Default(""),
			service.NewStringField("pipedrive_account").
				Description("A folder of Pipedrive account exports (dealFields.json, leadLabels.json, persons.json, organizations.json, users.json), as leadconv's --pipedrive-account.").
				Default(""),
			service.NewStringField("copper_account").
				Description("A folder of Copper account exports (custom_field_definitions.json, lead_statuses.json, people.json, companies.json, users.json), as leadconv's --copper-account.").
				Default(""),
			service.NewStringField("pipedrive_plan").
				Description("The Pipedrive account's plan, which gives visible_to its meaning: "+strings.Join(pipedrive.PlanNames(), ", ")+". It wins over the mapping's visibility.plan; empty: the mapping's plan, or unknown (only plan-independent visible_to codes are translated).").
				Default(""),
			service.NewBoolField("strict").
				Description("Reject a lead whose conversion loses a field the mapping does not cover (an unmapped owner, label, source, status, custom field or option), as leadconv's --strict; what the target sets itself or has no place for stays in the report.").
				Default(false),
			service.NewStringAnnotatedEnumField("report", map[string]string{
				ReportMetadata: "The report, a JSON array of {path, kind, reason, detail}, in the metadata key `report_key`; `[]` when the conversion was exact.",
				ReportWrap:     "The message becomes {\"record\": <converted lead>, \"report\": <report>}.",
				ReportNone:     "No report.",
			}).
				Description("How a converted message carries its report.").
				Default(ReportMetadata).
				LintRule(enumLint("report", "value", ReportMetadata, ReportWrap, ReportNone)),
			service.NewStringField("report_key").
				Description("The metadata key of the report, with `report: metadata`.").
				Default("leadbridge_report").
				Advanced(),
			service.NewStringField("errors_key").
				Description("The metadata key of a rejected message's errors; empty for none.").
				Default("leadbridge_errors").
				Advanced(),
			service.NewBoolField("redact").
				Description("Leave out of error texts and reports whatever may quote a lead's data (parse errors, report details), as leadconv's --redact: leads are personal data, and Benthos logs processing errors.").
				Default(false).
				Advanced(),
		).
		Example("Pipedrive leads to Copper create bodies", "Rejected leads go to a file of their own.", `
pipeline:
  processors:
    - leadbridge:
        from: pipedrive
        to: copper
        mapping: ./mapping.json
        pipedrive_account: ./pipedrive
        copper_account: ./copper
output:
  switch:
    cases:
      - check: errored()
        output:
          file: { path: ./rejects.ndjson, codec: lines }
      - output:
          file: { path: ./copper.ndjson, codec: lines }
`)
}

// enumLint returns a lint rule, in Bloblang, that names the field whose
// value is not one of options: Benthos' own rule for options does not.
func enumLint(field, what string, options ...string) string {
	list, _ := json.Marshal(options)
	return fmt.Sprintf(`root = if !%s.contains(this) { [ "field %s: unknown %s %%q (want %s)".format(this) ] }`,
		list, field, what, strings.Join(options, ", "))
}

// Register adds the leadbridge processor to env.
func Register(env *service.Environment) error {
	return env.RegisterBatchProcessor(ProcessorName, ProcessorSpec(),
		func(conf *service.ParsedConfig, _ *service.Resources) (service.BatchProcessor, error) {
			return newProcessor(conf)
		})
}

// A processor converts each message of a batch with one RecordConverter,
// which every pipeline thread shares.
type processor struct {
	rc         *convert.RecordConverter
	strict     bool
	report     string
	reportKey  string
	errorsKey  string
	redact     bool
	wrapPrefix []byte
}

func newProcessor(conf *service.ParsedConfig) (*processor, error) {
	var s settings
	p := &processor{}
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"from", &s.from}, {"to", &s.to}, {"mapping", &s.mapping},
		{"pipedrive_account", &s.pipedriveAccount}, {"copper_account", &s.copperAccount},
		{"pipedrive_plan", &s.pipedrivePlan}, {"report", &p.report},
		{"report_key", &p.reportKey}, {"errors_key", &p.errorsKey},
	} {
		v, err := conf.FieldString(f.name)
		if err != nil {
			return nil, &ConfigError{Field: f.name, Err: err}
		}
		*f.dst = v
	}
	for _, f := range []struct {
		name string
		dst  *bool
	}{{"strict", &s.strict}, {"redact", &p.redact}} {
		v, err := conf.FieldBool(f.name)
		if err != nil {
			return nil, &ConfigError{Field: f.name, Err: err}
		}
		*f.dst = v
	}
	switch p.report {
	case ReportMetadata:
		if p.reportKey == "" {
			return nil, &ConfigError{Field: "report_key", Err: fmt.Errorf("empty, and report is %q", ReportMetadata)}
		}
	case ReportWrap, ReportNone:
	default:
		return nil, &ConfigError{Field: "report", Err: fmt.Errorf("unknown value %q (want %s, %s or %s)", p.report, ReportMetadata, ReportWrap, ReportNone)}
	}
	rc, err := s.converter()
	if err != nil {
		return nil, err
	}
	p.rc, p.strict = rc, s.strict
	return p, nil
}

// ProcessBatch converts each message in place. The converted records of
// a batch share one buffer, each message holding its own capped slice of
// it.
func (p *processor) ProcessBatch(_ context.Context, batch service.MessageBatch) ([]service.MessageBatch, error) {
	var buf []byte
	var kept service.MessageBatch // nil until a blank message is left out
	for i, msg := range batch {
		rec, err := msg.AsBytes()
		if err == nil && len(bytes.TrimSpace(rec)) == 0 {
			// A blank message (an empty line of NDJSON) is no lead: it is
			// left out, as leadconv skips blank lines.
			if kept == nil {
				kept = append(make(service.MessageBatch, 0, len(batch)), batch[:i]...)
			}
			continue
		}
		if kept != nil {
			kept = append(kept, msg)
		}
		if err != nil {
			p.reject(msg, &lead.FieldError{Rule: "unreadable message", Err: fmt.Errorf("%w: %v", lead.ErrMalformed, err)})
			continue
		}
		start := len(buf)
		if p.report == ReportWrap {
			buf = append(buf, `{"record":`...)
		}
		var rep lead.Report
		buf, rep, err = p.convert(rec, buf)
		if err != nil {
			buf = buf[:start]
			p.reject(msg, err)
			continue
		}
		if p.redact {
			rep = rep.Redact()
		}
		switch p.report {
		case ReportWrap:
			buf = append(buf, `,"report":`...)
			buf = appendReport(buf, rep)
			buf = append(buf, '}')
		case ReportMetadata:
			msg.MetaSetMut(p.reportKey, string(appendReport(nil, rep)))
		}
		deleteMeta(msg, p.errorsKey)
		msg.SetBytes(buf[start:len(buf):len(buf)])
	}
	if kept != nil {
		if len(kept) == 0 {
			return nil, nil
		}
		batch = kept
	}
	return []service.MessageBatch{batch}, nil
}

// convert converts one record, and rejects it under strict when the
// conversion lost a field the mapping did not cover. A panic rejects the record instead of
// ending the process, as in leadconv.
func (p *processor) convert(rec, out []byte) (res []byte, rep lead.Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, rep = out, nil
			err = &lead.FieldError{Rule: "converter panicked", Err: fmt.Errorf("%w: %v", lead.ErrInvalid, r)}
		}
	}()
	res, rep, err = p.rc.Convert(rec, out)
	if err == nil && p.strict {
		if err = strictErr(rep); err != nil {
			res, rep = out, nil
		}
	}
	return res, rep, err
}

// reject flags msg as errored with the field errors of err, keeping its
// bytes.
func (p *processor) reject(msg *service.Message, err error) {
	var list lead.ErrorList
	list.Append("", err)
	if p.report == ReportMetadata {
		deleteMeta(msg, p.reportKey)
	}
	if p.errorsKey != "" {
		msg.MetaSetMut(p.errorsKey, string(appendErrors(nil, list, p.redact)))
	}
	if p.redact {
		msg.SetError(redactedErrors(list))
		return
	}
	msg.SetError(list)
}

// deleteMeta deletes the metadata key from msg, if msg has it: deleting
// copies the message's metadata, which upstream components may share.
func deleteMeta(msg *service.Message, key string) {
	if key == "" {
		return
	}
	if _, ok := msg.MetaGetMut(key); ok {
		msg.MetaDelete(key)
	}
}

// Close releases nothing: the processor holds no resources.
func (p *processor) Close(context.Context) error { return nil }

// errorJSON is one error of the errors_key metadata, as in leadconv's
// --rejects lines.
type errorJSON struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// appendErrors appends the JSON array of list's errors.
func appendErrors(dst []byte, list lead.ErrorList, redact bool) []byte {
	out := make([]errorJSON, len(list))
	for i, fe := range list {
		msg := fe.Error()
		if redact {
			msg = fe.Redacted()
		}
		out[i] = errorJSON{Path: fe.Path, Rule: fe.Rule, Message: msg}
	}
	return appendJSON(dst, out)
}

// appendJSON appends v's compact JSON without HTML escaping.
func appendJSON(dst []byte, v any) []byte {
	b := bytes.NewBuffer(dst)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // reports and error lists always marshal
	}
	out := b.Bytes()
	return out[:len(out)-1] // Encode ends the value with a newline
}

// redactedErrors is a rejection's error text without the causes, which
// may quote the input: one "path: rule" line per error.
type redactedErrors lead.ErrorList

func (r redactedErrors) Error() string { return lead.ErrorList(r).Redacted() }

// Unwrap returns the errors, for errors.Is and errors.As.
func (r redactedErrors) Unwrap() []error { return lead.ErrorList(r).Unwrap() }
