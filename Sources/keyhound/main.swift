import HoundCLI

KeyhoundMain.run()
