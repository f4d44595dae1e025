"""The one exception type for bad input: it always names the file, row or key at fault."""

__all__ = ["InputError"]


class InputError(ValueError):
    """Input that the pipeline refuses: a message per problem, each naming where it is.

    Parameters
    ----------
    problems : list of str
        One message per problem found, e.g. ``"data/metadata.csv row 3, column 'date': ..."``.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            listed = "\n".join(f"  - {p}" for p in self.problems)
            message = f"{len(self.problems)} problems with the input:\n{listed}"
        super().__init__(message)
