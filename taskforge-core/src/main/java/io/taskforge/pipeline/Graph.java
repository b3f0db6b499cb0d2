package io.taskforge.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Small graph algorithms over "step -> the steps it depends on". */
final class Graph {
    private Graph() {}

    /** A cycle as step ids, first repeated at the end ({@code a -> b -> a}), or empty. */
    static List<String> findCycle(Map<String, Set<String>> deps) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String start : new TreeMap<>(deps).keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = visit(start, deps, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(
            String node, Map<String, Set<String>> deps, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        path.addLast(node);
        if (s != null && s == 1) {
            List<String> p = new ArrayList<>(path);
            return p.subList(p.indexOf(node), p.size());
        }
        state.put(node, 1);
        // A step has at most MAX_STEPS dependencies and the graph MAX_STEPS nodes: recursion is bounded.
        for (String dep : deps.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(dep, deps, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.removeLast();
        state.put(node, 2);
        return List.of();
    }

    /** For each step, every step it depends on directly or through others. The graph has no cycle. */
    static Map<String, Set<String>> ancestors(Map<String, Set<String>> deps) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String node : deps.keySet()) {
            ancestors(node, deps, out);
        }
        return out;
    }

    private static Set<String> ancestors(String node, Map<String, Set<String>> deps, Map<String, Set<String>> memo) {
        Set<String> known = memo.get(node);
        if (known != null) {
            return known;
        }
        Set<String> all = new HashSet<>();
        for (String dep : deps.getOrDefault(node, Set.of())) {
            all.add(dep);
            all.addAll(ancestors(dep, deps, memo));
        }
        memo.put(node, all);
        return all;
    }

    /** The steps in an order where each comes after the steps it depends on; ties keep {@code order}. */
    static List<String> topological(List<String> order, Map<String, List<String>> deps) {
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < order.size()) {
            int before = done.size();
            for (String s : order) {
                if (!done.contains(s) && done.containsAll(deps.getOrDefault(s, List.of()))) {
                    done.add(s);
                }
            }
            if (done.size() == before) {
                throw new IllegalArgumentException("the steps have a cycle");
            }
        }
        return new ArrayList<>(done);
    }
}
