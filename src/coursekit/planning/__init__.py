"""Course planning: course.yml validated in one pass, and the rules that give each module its entries."""
