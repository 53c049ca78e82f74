# Placeholder; filled in below.
