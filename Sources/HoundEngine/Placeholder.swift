/// HoundEngine: placeholder until the target lands.
enum HoundEnginePlaceholder {}
