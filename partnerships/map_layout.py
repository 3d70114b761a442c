"""Where a map's markers go: on their places, or, where places crowd together, in a ring around them.

Places stay true: every partner keeps a dot on its own coordinates. Only its marker (the circle that
links to its page) moves when other places are too close to click apart, e.g. Stockholm, Nacka and
SALAR's seat, or the four İstanbul members; a leader line joins the marker to its dot. Markers of a
crowd sit around the crowd's centre in the directions of their places from it, so a place west of its
neighbours keeps its marker west of theirs.
"""

import math
from collections import defaultdict

#: Markers closer than this (in SVG units) could not be told apart or clicked apart.
MIN_DISTANCE = 20
#: How far a crowd's ring of markers stays from the crowd's own dots, so each dot can be seen.
DOT_CLEARANCE = 14


def _cell(position):
    return (int(position[0] // MIN_DISTANCE), int(position[1] // MIN_DISTANCE))


def _neighbours(cell):
    x, y = cell
    return [(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def _crowds(positions):
    """Groups of indexes of ``positions`` linked by distances under MIN_DISTANCE, in the order of their first member."""
    parent = list(range(len(positions)))

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    grid = defaultdict(list)
    for index, position in enumerate(positions):
        for cell in _neighbours(_cell(position)):
            for other in grid[cell]:
                if math.dist(position, positions[other]) < MIN_DISTANCE:
                    parent[root(index)] = root(other)
        grid[_cell(position)].append(index)
    crowds = defaultdict(list)
    for index in range(len(positions)):
        crowds[root(index)].append(index)
    return sorted(crowds.values(), key=lambda crowd: crowd[0])


def _turn(angles, first):
    """How far to turn evenly spaced slots so they point best at ``angles`` (sorted), slot 0 taking ``first``.

    Returns the cost (the sum of each marker's angular miss, as 1 - cos) and the turn.
    """
    count = len(angles)
    misses = [angles[(first + slot) % count] - 2 * math.pi * slot / count for slot in range(count)]
    turn = math.atan2(sum(math.sin(miss) for miss in misses), sum(math.cos(miss) for miss in misses))
    return sum(1 - math.cos(miss - turn) for miss in misses), turn


def _ring(positions, crowd):
    """Marker positions for a crowd: around its centre, each as near the direction of its place as the ring allows."""
    count = len(crowd)
    centre = (
        sum(positions[index][0] for index in crowd) / count,
        sum(positions[index][1] for index in crowd) / count,
    )
    spread = max(math.dist(centre, positions[index]) for index in crowd)
    radius = max(spread + DOT_CLEARANCE, MIN_DISTANCE / (2 * math.sin(math.pi / count)))

    def direction(index):
        x, y = positions[index]
        return math.atan2(y - centre[1], x - centre[0]) if math.dist((x, y), centre) > 0.5 else -math.pi

    ordered = sorted(crowd, key=lambda index: (direction(index), index))
    angles = [direction(index) for index in ordered]
    _cost, turn, first = min((*_turn(angles, first), first) for first in range(count))
    markers = {}
    for slot in range(count):
        angle = turn + 2 * math.pi * slot / count
        markers[ordered[(first + slot) % count]] = (
            round(centre[0] + radius * math.cos(angle), 1),
            round(centre[1] + radius * math.sin(angle), 1),
        )
    return markers


def place_markers(positions):
    """The marker position for each place in ``positions`` (a list of SVG points), in the same order."""
    markers = list(positions)
    for crowd in _crowds(positions):
        if len(crowd) > 1:
            for index, marker in _ring(positions, crowd).items():
                markers[index] = marker
    return markers
