/// HoundRegex: placeholder until the target lands.
enum HoundRegexPlaceholder {}
