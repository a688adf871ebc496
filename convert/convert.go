package convert

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// A Converter translates leads between Pipedrive and Copper: the source
// adapter's ToLead, then a remap of the canonical lead from the source's id
// spaces into the target's by the Mapping, then the target adapter's
// FromLead. The zero Converter works: it maps no id, so owners, labels,
// sources, statuses and custom fields are dropped and reported.
type Converter struct {
	// Mapping pairs the two accounts' ids. Mapping.Strict has the effect
	// of Strict.
	Mapping Mapping
	// Directory looks up persons, organizations and users; nil means none:
	// a Pipedrive lead's contact data is then unknown, and a Copper lead's
	// person and organization are always created.
	Directory Directory
	// Pipedrive and Copper are the adapters. A Pipedrive translator with
	// an unknown plan takes the plan of Mapping.Visibility; a Copper
	// translator without DefaultCurrency takes Mapping.Defaults.Currency.
	Pipedrive pipedrive.Translator
	Copper    copper.Translator
	// Strict turns every field dropped for want of a mapping entry
	// (lead.LossUnmapped) into an error wrapping lead.ErrUnmapped that
	// names the field's path. Fields the target sets itself or has no
	// place for (lead.LossTargetSets, lead.LossNoPlace) stay in the
	// report: no mapping could carry them.
	Strict bool
}

// PipedriveTranslator returns the Pipedrive translator the converter uses:
// c.Pipedrive, with the plan taken from the mapping's visibility when
// c.Pipedrive names none.
func (c Converter) PipedriveTranslator() pipedrive.Translator {
	t := c.Pipedrive
	if t.Plan == pipedrive.PlanUnknown && c.Mapping.Visibility.Plan != "" {
		if p, err := pipedrive.ParsePlan(c.Mapping.Visibility.Plan); err == nil {
			t.Plan = p
		}
	}
	return t
}

// CopperTranslator returns the Copper translator the converter uses:
// c.Copper, with the mapping's default currency when c.Copper names none.
func (c Converter) CopperTranslator() copper.Translator {
	t := c.Copper
	if t.DefaultCurrency == "" {
		t.DefaultCurrency = c.Mapping.Defaults.Currency
	}
	return t
}

func (c Converter) strict() bool { return c.Strict || c.Mapping.Strict }

// PipedriveToCopper converts a Pipedrive lead (GET /v1/leads/{id}) into
// the body of Copper's POST /leads. The contact's name, email, phones and
// company come from the linked person and organization in the Directory;
// without them the lead's title stands in for the name, since Copper
// requires one. The Report lists every field dropped, derived, changed or
// defaulted, sorted, with paths in Pipedrive's names where the field came
// from the Pipedrive lead. Errors are a lead.ErrorList: the Pipedrive
// lead's own errors with Pipedrive paths, Copper's rules, and with Strict
// every dropped field (wrapping lead.ErrUnmapped).
func (c Converter) PipedriveToCopper(in pipedrive.Lead) (copper.CreateLeadRequest, lead.Report, error) {
	return pipedriveToCopper(c, in, copper.Translator.FromLead)
}

// PipedriveToCopperObject is PipedriveToCopper with the result in the shape
// of a Copper lead object (GET /leads/{id}) rather than a create body: the
// form for an import that keeps date_created and date_modified, which
// then lose their milliseconds (reported as changed) instead of being
// dropped as read-only.
func (c Converter) PipedriveToCopperObject(in pipedrive.Lead) (copper.Lead, lead.Report, error) {
	return pipedriveToCopper(c, in, copper.Translator.LeadObject)
}

func pipedriveToCopper[T any](c Converter, in pipedrive.Lead, build func(copper.Translator, lead.Lead) (T, lead.Report, error)) (T, lead.Report, error) {
	l, rep, err := c.PipedriveTranslator().ToLead(in)
	if err != nil {
		var zero T
		return zero, rep, err
	}
	return pipedriveLeadToCopper(c, l, rep, build)
}

// pipedriveLeadToCopper is pipedriveToCopper from the canonical lead l
// that a Pipedrive lead became, with rep the report so far.
func pipedriveLeadToCopper[T any](c Converter, l lead.Lead, rep lead.Report, build func(copper.Translator, lead.Lead) (T, lead.Report, error)) (T, lead.Report, error) {
	var zero T
	ct := c.CopperTranslator()
	r := &remapper{m: c.Mapping, dir: c.Directory, copperCurrency: func(id int64) string {
		for _, d := range ct.Definitions {
			if d.ID == id && d.DataType == "Currency" {
				return cmp.Or(d.Currency, ct.DefaultCurrency)
			}
		}
		return ""
	}}
	l2 := r.toCopper(l)
	out, rep2, err := build(ct, l2)
	rep, err = c.settle(rep, r, rep2, pathsFrom(systemPipedrive, l2, r), err)
	if err != nil {
		return zero, rep, err
	}
	return out, rep, nil
}

// CopperToPipedrive converts a Copper lead (GET /leads/{id}) into a
// Bundle for Pipedrive: the organization and person to create first,
// unless the Directory finds them (a person by email, then by name and
// company; an organization by name), and the body of POST /v1/leads. The
// lead's title, which Pipedrive requires and Copper lacks, is built by
// Mapping.Defaults.TitleTemplate. The Report and errors are as for
// PipedriveToCopper, with paths in Copper's names.
func (c Converter) CopperToPipedrive(in copper.Lead) (Bundle, lead.Report, error) {
	l, rep, err := c.CopperTranslator().ToLead(in)
	if err != nil {
		return Bundle{}, rep, err
	}
	return c.copperLeadToPipedrive(l, rep)
}

// copperLeadToPipedrive is CopperToPipedrive from the canonical lead l
// that a Copper lead became, with rep the report so far.
func (c Converter) copperLeadToPipedrive(l lead.Lead, rep lead.Report) (Bundle, lead.Report, error) {
	r := &remapper{m: c.Mapping, dir: c.Directory}
	l2, plan := r.toPipedrive(l)
	// Records the loader creates first are linked by a placeholder that
	// satisfies Pipedrive's rule (a person or an organization); the lead
	// body leaves the field out and Refs names it.
	if plan.newPerson != nil {
		l2.Person = &lead.Ref{System: systemPipedrive, ID: "1"}
	}
	if plan.newOrg != nil && plan.person == nil {
		l2.Organization = &lead.Ref{System: systemPipedrive, ID: "1"}
	}
	// is_archived is sent by a later update: Bundle.Archive.
	l2.Archived = lead.Optional[bool]{}
	if len(r.errs) > 0 {
		// The target's rules the remap found broken, with the strict
		// errors: one error does not hide the others.
		rep, err := c.settle(rep, r, nil, nil, nil)
		var strict lead.ErrorList
		errors.As(err, &strict)
		return Bundle{}, rep, append(r.errs, strict...).Err()
	}
	req, rep2, err := c.PipedriveTranslator().FromLead(l2)
	rep, err = c.settle(rep, r, rep2, pathsFrom(systemCopper, l2, r), err)
	if err != nil {
		return Bundle{}, rep, err
	}
	b := Bundle{Person: plan.newPerson, Organization: plan.newOrg, Lead: req, Archive: plan.archive}
	if plan.newPerson != nil {
		b.Lead.PersonID = lead.Optional[int64]{}
		b.Refs = map[string]string{"lead.person_id": "person"}
	}
	if plan.newOrg != nil {
		if b.Refs == nil {
			b.Refs = map[string]string{}
		}
		b.Lead.OrganizationID = lead.Optional[int64]{}
		b.Refs["lead.organization_id"] = "organization"
		if plan.newPerson != nil {
			b.Refs["person.org_id"] = "organization"
		}
	}
	return b, rep, nil
}

// settle joins the source adapter's report, the remap's and the target
// adapter's (with its paths renamed to the source's by paths) into one
// finished report, and returns with it the target adapter's error, its
// paths renamed too, or under Strict an error naming every path dropped
// for want of a mapping entry.
//
// A later step's account of a dropped field replaces an earlier one's: a
// source adapter that keeps a value in vendor data, which the remap then
// drops, reports it as kept; the remap says what the target makes of it.
func (c Converter) settle(rep lead.Report, r *remapper, target lead.Report, paths func(string) string, err error) (lead.Report, error) {
	later := map[string]bool{}
	for _, ch := range r.rep {
		if ch.Kind == lead.Dropped {
			later[ch.Path] = true
		}
	}
	if len(later) > 0 {
		rep = slices.DeleteFunc(rep, func(ch lead.Change) bool { return ch.Kind == lead.Dropped && later[ch.Path] })
	}
	rep = slices.Grow(rep, len(r.rep)+len(target))
	rep = append(rep, r.rep...)
	for _, ch := range target {
		ch.Path = paths(ch.Path)
		rep = append(rep, ch)
	}
	rep = finish(rep)
	if err != nil {
		return rep, renamePaths(err, paths)
	}
	return rep, c.strictErr(rep)
}

// strictErr returns, under Strict, an error naming every path dropped
// for want of a mapping entry.
func (c Converter) strictErr(rep lead.Report) error {
	if !c.strict() {
		return nil
	}
	return rep.StrictErr()
}

// finish sorts the report and removes exact duplicates, and changes to a
// field that is dropped anyway (a timestamp cut to seconds, then left out
// as read-only).
func finish(rep lead.Report) lead.Report {
	if len(rep) == 0 {
		return nil
	}
	rep.Sort()
	out := rep[:0]
	for i, ch := range rep {
		if i > 0 && ch == rep[i-1] || ch.Kind == lead.Changed && droppedAfter(rep[i+1:], ch.Path) {
			continue
		}
		out = append(out, ch)
	}
	return out
}

// droppedAfter reports whether the sorted rest, which follows a change at
// path, lists path as dropped: entries of one path are adjacent, and
// "dropped" sorts after "changed".
func droppedAfter(rest lead.Report, path string) bool {
	for _, ch := range rest {
		if ch.Path != path {
			return false
		}
		if ch.Kind == lead.Dropped {
			return true
		}
	}
	return false
}

// renamePaths rewrites the paths of an error list with rename.
func renamePaths(err error, rename func(string) string) error {
	var list lead.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	var out lead.ErrorList
	for _, fe := range list {
		out = append(out, &lead.FieldError{Path: rename(fe.Path), Rule: fe.Rule, Err: fe.Err})
	}
	return out.Err()
}

// Canonical paths and the source document's names for them.
var (
	pipedriveNames = map[string]string{
		"ids": "id", "created_at": "add_time", "modified_at": "update_time", "owner": "owner_id",
		"creator": "creator_id", "person": "person_id", "organization": "organization_id",
		"next_activity": "next_activity_id", "bcc_email": "cc_email", "archived": "is_archived",
		"seen": "was_seen", "visibility": "visible_to", "source.name": "source_name",
		"source.origin": "origin", "source.origin_id": "origin_id", "source.channel": "channel",
		"source.channel_id": "channel_id", "labels": "label_ids",
		// The linked person's first email is the Copper lead's email.
		"emails[0]": "email",
	}
	copperNames = map[string]string{
		"ids": "id", "created_at": "date_created", "modified_at": "date_modified",
		"last_contacted_at": "date_last_contacted", "description": "details", "value": "monetary_value",
		"value.amount": "monetary_value", "value.currency": "monetary_unit", "owner": "assignee_id",
		"job_title": "title", "emails": "email", "name.full": "name", "status_ref": "status_id",
		"labels": "tags", "source.customer_source": "customer_source_id",
	}
)

// pathsFrom returns a function that renames a canonical path of the
// remapped lead l into the source document's names.
func pathsFrom(system string, l lead.Lead, r *remapper) func(string) string {
	names := pipedriveNames
	if system == systemCopper {
		names = copperNames
	}
	return func(p string) string {
		if rest, ok := strings.CutPrefix(p, "vendor."+system+".fields."); ok {
			return rest
		}
		if rest, ok := strings.CutPrefix(p, "custom_fields["); ok {
			// A custom field's canonical sub-paths (".date", ".options[0]")
			// name its value: a Pipedrive key, or a Copper entry's value.
			if i, tail, ok := cutIndex(rest); ok && i < len(r.fieldPaths) {
				if tail != "" && system == systemCopper {
					return r.fieldPaths[i] + ".value"
				}
				return r.fieldPaths[i]
			}
		}
		if rest, ok := strings.CutPrefix(p, "labels["); ok {
			if i, tail, ok := cutIndex(rest); ok && i < len(r.labelPaths) {
				return r.labelPaths[i] + tail
			}
		}
		if rest, ok := strings.CutPrefix(p, "ids["); ok {
			if _, tail, ok := cutIndex(rest); ok {
				return "id" + tail
			}
		}
		// The longest canonical prefix that has a source name.
		for cut := len(p); cut > 0; {
			if n, ok := names[p[:cut]]; ok {
				return n + p[cut:]
			}
			cut = strings.LastIndexAny(p[:cut], ".[")
		}
		return p
	}
}

// cutIndex parses "3].tail" into 3 and ".tail".
func cutIndex(s string) (int, string, bool) {
	num, tail, ok := strings.Cut(s, "]")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(num)
	if err != nil {
		return 0, "", false
	}
	return i, tail, true
}
