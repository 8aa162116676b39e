"""民有所呼、我有所应: residents' requests to the 12319 public-service line,
tracked from call to closure. See README.md in this folder."""
