/// HoundRules: placeholder until the target lands.
enum HoundRulesPlaceholder {}
