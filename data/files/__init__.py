"""Files in and out, safely: the one way a mission is read and an export written."""
