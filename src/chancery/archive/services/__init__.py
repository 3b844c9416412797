"""The archive's use cases: legal holds (`holds`), destruction lists (`destruction`) and archive
packages of closed files (`packages`)."""
