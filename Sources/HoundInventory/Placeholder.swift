/// HoundInventory: placeholder until the target lands.
enum HoundInventoryPlaceholder {}
