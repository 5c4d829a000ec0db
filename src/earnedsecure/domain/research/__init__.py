"""Research exports, the rules once (framework-free): what a de-identified release may hold and how each
person's quasi-identifiers, dates and ids are made safe before they leave (:mod:`.deidentify`), and the columns of
every table with the values each may take (:mod:`.columns`)."""
