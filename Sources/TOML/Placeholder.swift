/// TOML: placeholder until the target lands.
enum TOMLPlaceholder {}
