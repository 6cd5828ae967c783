/// HoundRotation: placeholder until the target lands.
enum HoundRotationPlaceholder {}
