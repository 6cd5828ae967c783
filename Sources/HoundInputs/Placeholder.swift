/// HoundInputs: placeholder until the target lands.
enum HoundInputsPlaceholder {}
