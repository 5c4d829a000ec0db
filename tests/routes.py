"""The project's URL conf as addresses, for walks that visit every page a person can reach.

Used by the GET-writes-nothing test and by benchmarks/every_page.py, which walk the same way: routes without
parameters are visited directly, and routes with parameters get their values from the links on those pages.
"""

import re

# A same-site link on a page, without its query string or fragment.
HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')


def addresses() -> tuple[list[str], list[str]]:
    """(addresses of the routes without parameters, patterns of the routes that take some), from the URL conf."""
    from django.urls import URLPattern, URLResolver, get_resolver

    plain: list[str] = []
    templated: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                address = "/" + route.lstrip("^").rstrip("$")
                (templated if "<" in address or "(" in address else plain).append(address)

    walk(get_resolver().url_patterns, "")
    return plain, templated


def route_of(path: str) -> str | None:
    """The route pattern that answers ``path``, or None when none does."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).route
    except Resolver404:
        return None


def every_route():
    """Each route of the URL conf as (route, view name with its namespaces, view), ``^`` and ``$`` removed
    everywhere (allauth's regex routes carry them inside the path too)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                yield route.replace("^", "").replace("$", ""), f"{namespace}{pattern.name}", pattern.callback

    yield from walk(get_resolver().url_patterns, "", "")


def concrete(route: str) -> str:
    """An address that the route answers, with 1 for a number and x for any other parameter."""
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:str:|slug:|path:)?\w+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)
    return "/" + route.replace("\\", "")


def walk(visit, *, skip, first=None) -> list[str]:
    """Visit one address of every route a person can reach, and return them in the order visited.

    Starts from the routes without parameters (those ``first`` accepts, when given) and follows the links
    found on the way; each route is visited once, and addresses ``skip`` matches never. ``visit(path)`` does
    what the caller measures and returns the same-site links of the page (or none).
    """
    plain, _ = addresses()
    to_visit = [path for path in plain if not skip(path) and (first is None or first(path))]
    seen_routes: set[str] = set()
    visited: list[str] = []
    while to_visit:
        path = to_visit.pop(0)
        route = route_of(path)
        if route is None or route in seen_routes or skip(path):
            continue
        seen_routes.add(route)
        visited.append(path)
        to_visit += [link for link in visit(path) if link not in visited]
    return visited
