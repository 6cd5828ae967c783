/// HoundReport: placeholder until the target lands.
enum HoundReportPlaceholder {}
