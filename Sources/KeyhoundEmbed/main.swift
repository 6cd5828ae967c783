// Placeholder: the embedding generator lands with the rules.
