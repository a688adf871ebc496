// Package connect runs leadbridge's per-record conversion inside Benthos
// (github.com/redpanda-data/benthos/v4) stream pipelines: a processor
// named leadbridge and a Bloblang method of the same name.
//
// The processor converts each message, a lead of one format (canonical,
// pipedrive or copper), into the lead of another with
// [convert.RecordConverter], the conversion leadconv runs, set up from
// the same files as leadconv's flags (a mapping and folders of account
// exports):
//
//	pipeline:
//	  processors:
//	    - leadbridge:
//	        from: pipedrive
//	        to: copper
//	        mapping: ./mapping.json
//	        pipedrive_account: ./pipedrive
//	        copper_account: ./copper
//
// A converted message carries the converted record, and its report (what
// the conversion dropped, derived, changed or defaulted, as
// [lead.Report]'s JSON) in the metadata key leadbridge_report, or wrapped
// with the record, or not at all. A rejected message is never dropped and
// never passed on as if converted: it keeps its bytes and is flagged with
// [service.Message.SetError], whose text lists one "path: rule" line per
// broken rule (a [lead.ErrorList]), and the metadata key leadbridge_errors
// holds the same errors as JSON. Benthos' errored(), catch, switch outputs
// and dead-letter queues then route it.
//
// Settings are checked when the stream starts; an unusable one is a
// [*ConfigError] naming the field.
//
// [Register] adds the processor to a [service.Environment], and
// [RegisterBloblang] the method to a [bloblang.Environment];
// [NewEnvironment] returns an environment with both. Nothing is
// registered globally. The command leadbridge-connect is Benthos with its
// core components and both.
package connect
