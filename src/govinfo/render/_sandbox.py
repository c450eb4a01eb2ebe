"""The Jinja sandbox templates run in: no Python internals, and bounded time and size.

Jinja's sandbox keeps a template away from Python's internals; it does not bound what a
template costs. Here every step a template takes — a loop's iteration, a call, a filter, an
attribute, an operator, a piece of output — is counted against a deadline
(``template_seconds``), and no value it makes, nor what it writes for one part, may be longer
than ``template_output_chars``. Operations whose result can be far larger than their operands
(``'x' * 10**9``, ``10 ** 10 ** 8``, ``'%999999999d'``, ``s.replace('', t)``, ``sep.join``,
``center(10**9)``) are refused before they run; the others are checked once done, which their
size allows. Lists and dictionaries cannot be changed in place (the immutable sandbox), so a
template cannot grow one in a loop.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from types import CodeType
from typing import Any, Final

import attrs
import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from .. import limits
from ..errors import LimitExceeded

__all__ = ["GuardedSandbox", "budget", "compile_source", "guarded_code"]

_MAX_BITS: Final = 64 * 1024
"""The largest whole number a template may compute, in bits (about 20,000 digits)."""
_MAX_ITEMS_SHARE: Final = 16
"""A list or mapping a template makes may hold a sixteenth as many items as a string may
hold characters (each item costs a pointer at least)."""
_LOOP: Final = "_govinfo_loop"
_VALUE: Final = "_govinfo_value"


@attrs.define
class _Budget:
    """What one report's rendering may still spend."""

    seconds: float
    chars: int
    started: float = attrs.field(factory=time.monotonic)

    def tick(self) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed > self.seconds:
            raise LimitExceeded("template_seconds", round(elapsed, 1), self.seconds)

    def size(self, value: Any) -> None:
        if isinstance(value, str):
            if len(value) > self.chars:
                raise LimitExceeded("template_output_chars", len(value), self.chars)
        elif (
            isinstance(value, list | tuple | dict | set | frozenset)
            and len(value) > self.chars // _MAX_ITEMS_SHARE
        ):
            raise LimitExceeded("template_output_chars", len(value) * _MAX_ITEMS_SHARE, self.chars)

    def allow(self, size: int) -> None:
        """Refuse, before it is made, a value of ``size`` characters (or items)."""
        if size > self.chars:
            raise LimitExceeded("template_output_chars", size, self.chars)


_BUDGET: Final[contextvars.ContextVar[_Budget | None]] = contextvars.ContextVar(
    "template_budget", default=None
)


@contextlib.contextmanager
def budget() -> Iterator[_Budget]:
    """The budget of one report's rendering: the block renders within the limits in force.
    Nested blocks share the outer budget."""
    found = _BUDGET.get()
    if found is not None:
        yield found
        return
    in_force = limits.current()
    current = _Budget(in_force.template_seconds, in_force.template_output_chars)
    token = _BUDGET.set(current)
    try:
        yield current
    finally:
        _BUDGET.reset(token)


def _spent() -> _Budget:
    current = _BUDGET.get()
    if current is None:  # outside a rendering (Jinja folding constants): sizes only
        in_force = limits.current()
        return _Budget(in_force.template_seconds, in_force.template_output_chars)
    current.tick()
    return current


# -- what is checked before an operation runs -------------------------------------------------

_WIDTH: Final = re.compile(r"\d+")


def _format_widths(fmt: str, spent: _Budget) -> None:
    """A format string's widths and precisions (``%999999999d``, ``{:>999999999}``)."""
    for match in _WIDTH.finditer(fmt):
        digits = match.group()
        if len(digits) > 12 or int(digits) > spent.chars:
            spent.allow(10 ** min(len(digits), 30))


def _before_binop(operator: str, left: Any, right: Any, spent: _Budget) -> None:
    if operator == "**" and _whole(left) and _whole(right) and right > 0:
        if max(left.bit_length(), 1) * right > _MAX_BITS:
            raise LimitExceeded("template_output_chars", _MAX_BITS * 2, _MAX_BITS)
    elif operator == "*":
        if _whole(left) and _whole(right):
            if left.bit_length() + right.bit_length() > _MAX_BITS:
                raise LimitExceeded("template_output_chars", _MAX_BITS * 2, _MAX_BITS)
        elif isinstance(left, Sized) and _whole(right):
            spent.allow(len(left) * right)
        elif isinstance(right, Sized) and _whole(left):
            spent.allow(len(right) * left)
    elif operator == "%" and isinstance(left, str):
        _format_widths(left, spent)
        _sizes(right if isinstance(right, tuple) else (right,), spent)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sizes(values: Iterable[Any], spent: _Budget) -> None:
    """Whole numbers given where a size may be meant (a width, a count)."""
    for value in values:
        if _whole(value) and abs(value) > spent.chars:
            spent.allow(abs(value))


def _before_str_method(text: str, name: str, args: tuple[Any, ...], spent: _Budget) -> None:
    if name == "join" and args and isinstance(args[0], list | tuple):
        items = args[0]
        spent.allow(sum(len(i) for i in items if isinstance(i, str)) + len(text) * len(items))
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        _before_replace(text, args[0], args[1], spent)
    elif name in ("format", "format_map"):
        _format_widths(text, spent)
    elif name == "expandtabs":
        spent.allow(len(text) + text.count("\t") * (args[0] if args and _whole(args[0]) else 8))


def _before_replace(text: str, old: str, new: Any, spent: _Budget) -> None:
    if isinstance(new, str) and len(new) > len(old):
        found = len(text) + 1 if not old else text.count(old)
        spent.allow(len(text) + found * (len(new) - len(old)))


def _before_filter(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any], spent: _Budget
) -> None:
    values = [a for a in args if not isinstance(a, jinja2.runtime.Context | jinja2.Environment)]
    if name in ("center", "indent", "wordwrap", "batch", "slice"):
        _sizes([*values[1:], *kwargs.values()], spent)
    if name == "format" and values and isinstance(values[0], str) and "*" in values[0]:
        _sizes(values[1:], spent)  # widths given as arguments (%*d)
    if name == "join" and values and isinstance(values[0], list | tuple):
        separator = values[1] if len(values) > 1 and isinstance(values[1], str) else ""
        items = values[0]
        spent.allow(sum(len(i) for i in items if isinstance(i, str)) + len(separator) * len(items))
    elif name == "replace" and len(values) >= 3 and isinstance(values[0], str):
        if isinstance(values[1], str):
            _before_replace(values[0], values[1], values[2], spent)
    elif name == "indent" and values and isinstance(values[0], str):
        width = values[1] if len(values) > 1 else kwargs.get("width", 4)
        step = len(width) if isinstance(width, str) else width if _whole(width) else 0
        spent.allow(len(values[0]) + (values[0].count("\n") + 1) * step)
    elif name == "format" and values and isinstance(values[0], str):
        _format_widths(values[0], spent)
    elif name in ("list", "batch", "slice") and values and isinstance(values[0], Sized):
        spent.allow(len(values[0]) * _MAX_ITEMS_SHARE)  # a list of that many items


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """The immutable Jinja sandbox, every step counted against the budget. Templates must be
    compiled with :func:`compile_source`, which guards their loops."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        del self.globals["lipsum"]  # made-up text of any length: no use in a report
        self.globals[_LOOP] = _iterate
        self.globals[_VALUE] = _value

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        spent = _spent()
        _before_binop(operator, left, right, spent)
        result = super().call_binop(context, operator, left, right)
        spent.size(result)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spent = _spent()
        # A str method, or Jinja's wrapper of str.format (which keeps it as __wrapped__).
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, str):  # center(10**9), zfill, ljust …: widths
            _before_str_method(owner, getattr(__obj, "__name__", ""), args, spent)
            _sizes([*args, *kwargs.values()], spent)
        result = super().call(__context, __obj, *args, **kwargs)
        spent.size(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _spent()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _spent()
        return super().getitem(obj, argument)


def _guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps Jinja's pass_context and the like
    def guarded(*args: Any, **kwargs: Any) -> Any:
        spent = _spent()
        _before_filter(name, args, kwargs, spent)
        result = function(*args, **kwargs)
        spent.size(result)
        return result

    return guarded


def _iterate(iterable: Iterable[Any]) -> Iterator[Any]:
    """What a ``{% for %}`` loop goes through: every item counted against the deadline."""
    spent = _spent()
    for item in iterable:
        spent.tick()
        yield item


def _value(value: Any) -> Any:
    """A value made by the template, returned once its size is checked (by the call)."""
    return value


class _Guard(NodeTransformer):
    """Every loop goes through :func:`_iterate`; every concatenation (``~``) is a value
    whose size is checked."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.Name(_LOOP, "load"), [node.iter], [], None, None)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.Name(_VALUE, "load"), [node], [], None, None)


def guarded_code(env: jinja2.Environment, source: str) -> CodeType:
    """The compiled code of ``source``, its loops and concatenations guarded."""
    code: CodeType = env.compile(_Guard().visit(env.parse(source)))
    return code


def compile_source(env: jinja2.Environment, source: str) -> jinja2.Template:
    """The template of ``source``, compiled with its loops and concatenations guarded."""
    code = guarded_code(env, source)
    return env.template_class.from_code(env, code, env.make_globals(None), None)
