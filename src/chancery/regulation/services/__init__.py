"""The use cases of regulation quality: the Standard Cost Model (`burden`), the register and its
burden calculations (`register`)."""
