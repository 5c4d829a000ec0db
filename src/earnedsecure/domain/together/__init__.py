"""What a linked partner may ever see, and the rules that shape it (issue 14, checklist section E)."""
