# The hand-written Copper -> Pipedrive mapping bench/run compares leadconv
# with (a POST /v1/leads body, no person/organization matching).
{
  title: ((.company_name // "") + " – " + .name),
  owner_id: .assignee_id,
  value: (if .monetary_value == null then null else {amount: .monetary_value, currency: (.monetary_unit // "USD")} end),
  label_ids: [],
  was_seen: (.status != "New")
} + ([(.custom_fields // [])[] | select(.value != null) | {key: (.custom_field_definition_id | tostring), value: .value}] | from_entries)
