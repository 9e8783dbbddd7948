"""Files inlined into map.html: the page script and its style sheet."""
