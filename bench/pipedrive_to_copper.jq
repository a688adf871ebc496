# The hand-written Pipedrive -> Copper mapping bench/run compares leadconv
# with: what a migration script in jq would do, without a mapping file,
# validation or a report.
def secs: if . == null then null else sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601 end;
{
  name: .title,
  assignee_id: .owner_id,
  monetary_value: .value.amount,
  monetary_unit: .value.currency,
  status: (if .is_archived then "Unqualified" elif .was_seen then "Contacted" else "New" end),
  tags: [(.label_ids // [])[]],
  date_created: (.add_time | secs),
  date_modified: (.update_time | secs),
  custom_fields: [to_entries[] | select(.key | test("^[0-9a-f]{40}$"))
                  | {custom_field_definition_id: .key, value: .value}]
}
