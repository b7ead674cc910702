"""Reading the data set: lists, search, names, activity and what needs attention."""
