// Package convert translates leads between Pipedrive and Copper, exactly
// and explainably. It is the only package that imports both vendors.
//
// A conversion is three steps: the source adapter's ToLead, a remap of the
// canonical lead.Lead from the source account's id spaces into the
// target's, and the target adapter's FromLead. The remap works on
// lead.Lead only and follows a [Mapping] (users, labels and tags, sources,
// statuses, visibility, custom fields and their options, defaults) and a
// [Directory] (persons, organizations, users, labels).
//
// # What it never does
//
// It never guesses an id: an owner, label, tag, source, status, custom
// field or option that the Mapping does not list is dropped and reported,
// with the id in the Change's Detail. A Pipedrive title never becomes a
// Copper name or job title, except that a lead without a known person uses
// its title as the contact name, because Copper requires one, and says so.
// Money never passes through float64, and amounts are never converted
// between currencies.
//
// # What it loses
//
// Pipedrive → Copper: links to persons and organizations (their name,
// email, phones and company name are copied from the Directory),
// visible_to, creator_id, expected_close_date, next_activity_id, cc_email,
// source_name/origin/origin_id/channel_id beyond what the Mapping's
// sources turn into a customer source, read-only timestamps, unmapped
// custom fields and options, and the lead's title when a person supplies
// the name. Copper → Pipedrive: socials, websites, details, read-only
// timestamps and counters, name parts that name lacks, unmapped tags,
// statuses, customer sources and custom fields; contact data (job title
// and address included) that differs from a matched existing person
// (persons are not updated). A new person takes the job title and the
// address.
//
// # Reports and errors
//
// Every conversion returns a lead.Report: the union of the three steps'
// reports, sorted, with paths in the source document's names where the
// field came from the source ("owner_id", "label_ids[1]", a Pipedrive
// 40-hex field key; "assignee_id", "tags[0]", "custom_fields[3]" for
// Copper). Reasons never quote data; details may. A field dropped anyway
// is not also reported as changed. A value that carries nothing (null,
// Copper's unset Checkbox false and MultiSelect []) is not reported.
//
// Every dropped entry has a lead.LossKind in Change.Loss, set where the
// field is dropped: lead.LossTargetSets (the target sets the field
// itself), lead.LossNoPlace (the target has no place for it) or
// lead.LossUnmapped (the mapping or an account export did not cover it,
// the one kind a user can fix).
//
// Errors are a lead.ErrorList of *lead.FieldError: the source lead's own
// errors (Pipedrive or Copper paths), the target's rules, and, with
// Strict, one error per field dropped as lead.LossUnmapped, wrapping
// lead.ErrUnmapped (the other kinds stay in the report):
//
//	owner_id: dropped: the owner has no Copper user in the mapping's users
//
// # Canonical routes
//
// A canonical lead is converted to a vendor as the route it came from
// would convert it, so vendor → canonical → vendor gives the bytes of
// vendor → vendor: a lead whose ids, refs, custom fields or vendor data
// name the other vendor is remapped by the Mapping and the Directory (a
// Pipedrive person ref fills a Copper lead's contact; a Copper assignee
// becomes a Pipedrive owner), and its report names paths as the direct
// route's does; a lead read from the target (it carries the target's
// vendor data or lead id) comes out as the identity writes it, the lead
// object; any other lead is the target's create body. What a lead naming both systems already holds of
// the target (a Pipedrive person link, a custom field of the target)
// stands.
//
// # Contact categories
//
// Email, phone, social and website categories cross by meaning: a
// Pipedrive "home" email is a Copper "personal" one and back; a word the
// target does not document becomes "other". Each vendor package holds its
// own words (pipedrive.EmailLabel, pipedrive.PhoneLabel; Copper's
// FromLead), and every change is reported as changed with the original
// word in the detail.
//
// # Copper → Pipedrive bundles
//
// A Pipedrive lead must link to an existing person or organization, so a
// Copper lead becomes a [Bundle]: the organization and person to create
// first (unless the Directory finds them: a person by email, then by name
// and company; an organization by name), the lead body, and Refs naming
// the ids the loader fills in after creating them.
package convert
