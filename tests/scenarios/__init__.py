"""Issue 11's scenarios, one file per bullet, written only with what exists both
before and after the fixes (HTTP, the ORM, allauth's own API), so that each fails
on the old code and passes on the new."""
