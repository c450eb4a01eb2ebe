"""What a table class says about the table as a whole (its section heading, captions)."""

import attrs

__all__ = ["TableInfo"]


@attrs.frozen
class TableInfo:
    """The parts of a national table that are not cells: its section and header captions."""

    number: str
    """The section number as the format writes it: 二, 三 or 四."""
    heading: str
    """The official section heading, e.g. ``二、主动公开政府信息情况``."""
    note: str = ""
    """Text printed in the table's top-left header cell (section 三's 勾稽关系 note)."""
    column_caption: str = ""
    """A header spanning every number column (section 三's 申请人情况)."""
    row_header: str = ""
    """The header of the label column of each block (section 二's 信息内容)."""

    @property
    def short_name(self) -> str:
        """How messages name the table: 表二, 表三, 表四."""
        return f"表{self.number}"
