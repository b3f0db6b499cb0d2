package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.auth.ApiKey;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Membership;
import io.taskforge.auth.NameTakenException;
import io.taskforge.auth.RefreshToken;
import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.auth.User;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuthStore} must show, as one JUnit suite each store runs (see {@link
 * ScheduleStoreContract} for how a store runs it). Each test opens a task store on an empty
 * database and takes its auth store from {@link #authStore}.
 */
public abstract class AuthStoreContract {
    private static final Instant T0 = TaskFixtures.T0;

    private TaskStore tasks;
    private AuthStore auth;

    /** A task store on an empty database, which the suite closes after the test. */
    protected abstract TaskStore createStore();

    /** The tenants, users and keys kept with {@code store}. */
    protected abstract AuthStore authStore(TaskStore store);

    @BeforeEach
    final void openStore() {
        tasks = createStore();
        auth = authStore(tasks);
    }

    @AfterEach
    final void closeStore() {
        if (tasks != null) {
            tasks.close();
        }
    }

    private Tenant tenant(String id) {
        return auth.tenantCreate(new Tenant(id, "Project " + id, null, false, null, null, null, T0, T0));
    }

    private User user(String name) {
        return auth.userCreate(new User(
                TaskIds.next(System.currentTimeMillis()), name, null, "hash-" + name, false, false, T0, T0, T0));
    }

    private ApiKey key(String tenantId, User by, String hash, Role role) {
        return auth.apiKeyCreate(new ApiKey(
                TaskIds.next(System.currentTimeMillis()),
                tenantId,
                "ci",
                "tfk_abcd",
                hash,
                role,
                by.id(),
                T0,
                null,
                null,
                null));
    }

    private RefreshToken token(User u, String hash) {
        return new RefreshToken(
                TaskIds.next(System.currentTimeMillis()), u.id(), hash, T0, T0.plus(Duration.ofDays(7)), null);
    }

    // ---- tenants ------------------------------------------------------------------------------------

    @Test
    void tenantsAreCreatedReadListedUpdatedAndSoftDeleted() {
        Tenant a = tenant("alpha");
        tenant("beta");
        assertThat(a.name()).isEqualTo("Project alpha");
        assertThat(a.operatorCode()).isFalse();
        assertThat(auth.tenantGet("alpha")).contains(a);

        Tenant changed = new Tenant("alpha", "Alpha", "ours", true, 100, 10, 4096, T0, T0.plusSeconds(1));
        assertThat(auth.tenantUpdate(changed)).contains(changed);
        assertThat(auth.tenantList()).extracting(Tenant::id).containsSubsequence("alpha", "beta");

        assertThat(auth.tenantDelete("alpha", T0.plusSeconds(2))).isTrue();
        assertThat(auth.tenantDelete("alpha", T0.plusSeconds(3))).isFalse();
        assertThat(auth.tenantGet("alpha")).isEmpty();
        assertThat(auth.tenantList()).extracting(Tenant::id).doesNotContain("alpha");
        assertThat(auth.tenantUpdate(changed)).isEmpty();
    }

    @Test
    void aTenantIdIsNeverUsedTwiceEvenAfterItsTenantIsDeleted() {
        tenant("alpha");
        assertThatThrownBy(() -> tenant("alpha")).isInstanceOf(NameTakenException.class);
        auth.tenantDelete("alpha", T0);
        // Rows of every other table still carry the id: a new tenant must not inherit them.
        assertThatThrownBy(() -> tenant("alpha")).isInstanceOf(NameTakenException.class);
    }

    // ---- users --------------------------------------------------------------------------------------

    @Test
    void usersAreFoundByIdAndNameAndTheirNamesAreUnique() {
        User ann = user("ann");
        assertThat(auth.userGet(ann.id())).contains(ann);
        assertThat(auth.userByName("ann")).contains(ann);
        assertThat(auth.userByName("ANN")).isEmpty();
        assertThat(auth.userGet("not-an-id")).isEmpty();
        assertThatThrownBy(() -> user("ann")).isInstanceOf(NameTakenException.class);
        user("bob");
        assertThat(auth.userList()).extracting(User::name).containsExactly("ann", "bob");
        assertThat(auth.userCount()).isEqualTo(2);

        User changed = new User(ann.id(), "ann", "Ann A.", "new-hash", true, true, T0, T0.plusSeconds(5), T0);
        assertThat(auth.userUpdate(changed)).contains(changed);
    }

    @Test
    void deletingAUserFreesTheNameAndTakesAwayMembershipsTokensAndKeys() {
        tenant("alpha");
        User ann = user("ann");
        auth.membershipPut(new Membership("alpha", ann.id(), Role.ADMIN, T0));
        RefreshToken t = token(ann, "rt-1");
        auth.refreshCreate(t);
        ApiKey k = key("alpha", ann, "kh-1", Role.OPERATOR);

        assertThat(auth.userDelete(ann.id(), T0.plusSeconds(1))).isTrue();
        assertThat(auth.userDelete(ann.id(), T0.plusSeconds(2))).isFalse();
        assertThat(auth.userGet(ann.id())).isEmpty();
        assertThat(auth.userByName("ann")).isEmpty();
        assertThat(auth.userCount()).isZero();
        assertThat(auth.membershipsOfTenant("alpha")).isEmpty();
        assertThat(auth.refreshByHash("rt-1").orElseThrow().revokedAt()).isNotNull();
        assertThat(auth.apiKeyByHash("kh-1").orElseThrow().usableAt(T0.plusSeconds(3)))
                .isFalse();
        assertThat(k.usableAt(T0)).isTrue();

        User again = user("ann");
        assertThat(again.id()).isNotEqualTo(ann.id());
    }

    // ---- memberships --------------------------------------------------------------------------------

    @Test
    void aMemberHasOneRolePerTenantAndDeletedTenantsDropOut() {
        tenant("alpha");
        tenant("beta");
        User ann = user("ann");
        User bob = user("bob");
        auth.membershipPut(new Membership("alpha", ann.id(), Role.VIEWER, T0));
        auth.membershipPut(new Membership("alpha", ann.id(), Role.ADMIN, T0));
        auth.membershipPut(new Membership("beta", ann.id(), Role.OPERATOR, T0));
        auth.membershipPut(new Membership("alpha", bob.id(), Role.VIEWER, T0));

        assertThat(auth.membershipsOfUser(ann.id()))
                .extracting(Membership::tenantId, Membership::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alpha", Role.ADMIN),
                        org.assertj.core.groups.Tuple.tuple("beta", Role.OPERATOR));
        assertThat(auth.membershipsOfTenant("alpha"))
                .extracting(Membership::userId)
                .containsExactly(ann.id(), bob.id());

        assertThat(auth.membershipRemove("alpha", bob.id())).isTrue();
        assertThat(auth.membershipRemove("alpha", bob.id())).isFalse();
        auth.tenantDelete("beta", T0);
        assertThat(auth.membershipsOfUser(ann.id()))
                .extracting(Membership::tenantId)
                .containsExactly("alpha");
    }

    // ---- API keys -----------------------------------------------------------------------------------

    @Test
    void apiKeysAreFoundByHashListedPerTenantAndRevokedOnlyByTheirTenant() {
        tenant("alpha");
        tenant("beta");
        User ann = user("ann");
        ApiKey first = key("alpha", ann, "kh-1", Role.OPERATOR);
        ApiKey second = key("alpha", ann, "kh-2", Role.VIEWER);
        key("beta", ann, "kh-3", Role.ADMIN);

        assertThat(auth.apiKeyByHash("kh-1")).contains(first);
        assertThat(auth.apiKeyByHash("nope")).isEmpty();
        assertThat(auth.apiKeyList("alpha")).extracting(ApiKey::id).containsExactly(second.id(), first.id());

        assertThat(auth.apiKeyRevoke("beta", first.id(), T0)).isFalse();
        assertThat(auth.apiKeyRevoke("alpha", first.id(), T0.plusSeconds(1))).isTrue();
        assertThat(auth.apiKeyRevoke("alpha", first.id(), T0.plusSeconds(2))).isFalse();
        assertThat(auth.apiKeyByHash("kh-1").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(1));

        auth.tenantDelete("beta", T0);
        assertThat(auth.apiKeyByHash("kh-3")).isEmpty();
    }

    @Test
    void lastUseOfAKeyOnlyMovesForward() {
        tenant("alpha");
        ApiKey k = key("alpha", user("ann"), "kh-1", Role.OPERATOR);
        auth.apiKeysUsed(Map.of(k.id(), T0.plusSeconds(60)));
        auth.apiKeysUsed(Map.of(k.id(), T0.plusSeconds(30), "not-an-id", T0));
        assertThat(auth.apiKeyByHash("kh-1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }

    // ---- refresh tokens -----------------------------------------------------------------------------

    @Test
    void aRefreshTokenRotatesOnceAndCanBeRevoked() {
        User ann = user("ann");
        RefreshToken first = token(ann, "rt-1");
        auth.refreshCreate(first);
        assertThat(auth.refreshByHash("rt-1")).contains(first);

        RefreshToken second = token(ann, "rt-2");
        assertThat(auth.refreshRotate(first.id(), second, T0.plusSeconds(1))).isTrue();
        assertThat(auth.refreshRotate(first.id(), token(ann, "rt-3"), T0.plusSeconds(2)))
                .isFalse();
        assertThat(auth.refreshByHash("rt-3")).isEmpty();
        assertThat(auth.refreshByHash("rt-1").orElseThrow().usableAt(T0.plusSeconds(3)))
                .isFalse();
        assertThat(auth.refreshByHash("rt-2").orElseThrow().usableAt(T0.plusSeconds(3)))
                .isTrue();

        assertThat(auth.refreshRevoke(second.id(), T0.plusSeconds(4))).isTrue();
        assertThat(auth.refreshRevoke(second.id(), T0.plusSeconds(5))).isFalse();

        auth.refreshCreate(token(ann, "rt-4"));
        auth.refreshRevokeUser(ann.id(), T0.plusSeconds(6));
        assertThat(auth.refreshByHash("rt-4").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(6));

        assertThat(auth.refreshPurge(T0.plus(Duration.ofDays(8)))).isEqualTo(3);
        assertThat(auth.refreshByHash("rt-4")).isEmpty();
    }

    @Test
    void ofRefreshesRacingWithOneTokenExactlyOneWins() throws Exception {
        User ann = user("ann");
        RefreshToken first = token(ann, "rt-0");
        auth.refreshCreate(first);
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                RefreshToken next = token(ann, "rt-next-" + i);
                results.add(pool.submit(() -> {
                    start.await();
                    return auth.refreshRotate(first.id(), next, T0.plusSeconds(1));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- running quota ------------------------------------------------------------------------------

    private Tenant tenantRunningAtMost(String id, Integer maxRunning) {
        return auth.tenantCreate(new Tenant(id, "Project " + id, null, false, null, maxRunning, null, T0, T0));
    }

    /** Tasks of a tenant, each a millisecond later than the previous, so they are claimed in this order. */
    private List<Task> queued(String tenantId, String queue, int n, int startMillis) {
        List<Task> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(TaskFixtures.aTask()
                    .withTenant(tenantId)
                    .withQueue(queue)
                    .withRunAt(T0.plusMillis(startMillis + i))
                    .build());
        }
        tasks.taskInsertMany(made);
        return made;
    }

    private List<Task> claim(int max, String tenantId, String... queues) {
        Instant now = T0.plusSeconds(10);
        return tasks.taskClaim(new ClaimParams("w1", List.of(queues), max, now, now.plusSeconds(60), tenantId));
    }

    private static Map<String, Long> byTenant(List<Task> claimed) {
        return claimed.stream().collect(Collectors.groupingBy(Task::tenantId, Collectors.counting()));
    }

    private void succeed(Task running) {
        tasks.taskSetOutcomeIfRunningMany(
                List.of(AttemptOutcome.succeeded(running.id(), running.attempt(), "w1", null, T0.plusSeconds(11))));
    }

    @Test
    void aClaimTakesNoMoreOfATenantThanItsRunningQuotaAllows() {
        tenantRunningAtMost("acme", 2);
        queued("acme", "default", 5, 0);
        queued(Tenant.DEFAULT, "default", 3, 100);

        List<Task> first = claim(10, null, "default");
        assertThat(byTenant(first)).containsEntry("acme", 2L).containsEntry(Tenant.DEFAULT, 3L);
        assertThat(claim(10, null, "default")).isEmpty();

        succeed(first.stream()
                .filter(t -> t.tenantId().equals("acme"))
                .findFirst()
                .orElseThrow());
        assertThat(claim(10, null, "default")).extracting(Task::tenantId).containsExactly("acme");
    }

    @Test
    void aTenantWithNoRoomHoldsUpNoOtherTenantQueuedBehindIt() {
        tenantRunningAtMost("acme", 1);
        queued("acme", "default", 40, 0);
        queued("acme", "mail", 5, 0);
        List<Task> theirs = queued(Tenant.DEFAULT, "default", 1, 1_000);
        List<Task> theirMail = queued(Tenant.DEFAULT, "mail", 1, 1_000);

        assertThat(claim(1, null, "default")).extracting(Task::tenantId).containsExactly("acme");
        assertThat(claim(1, null, "default"))
                .extracting(Task::id)
                .containsExactly(theirs.getFirst().id());
        // Several queues take the picking path: the same rule.
        assertThat(claim(10, null, "default", "mail"))
                .extracting(Task::id)
                .containsExactly(theirMail.getFirst().id());
    }

    @Test
    void aRemoteWorkerOfAFullTenantClaimsNothingAndOthersClaimTheirOwn() {
        tenantRunningAtMost("acme", 1);
        tenantRunningAtMost("globex", null);
        queued("acme", "default", 3, 0);
        queued("globex", "default", 3, 0);

        assertThat(claim(5, "acme", "default")).hasSize(1);
        assertThat(claim(5, "acme", "default")).isEmpty();
        assertThat(claim(5, "acme", "default", "mail")).isEmpty();
        assertThat(claim(5, "globex", "default")).hasSize(3);
    }

    @Test
    void aChangedQuotaHoldsFromTheNextClaimAndNoneMeansUnlimited() {
        Tenant acme = tenantRunningAtMost("acme", 1);
        queued("acme", "default", 6, 0);
        assertThat(claim(10, null, "default")).hasSize(1);

        Tenant three = auth.tenantUpdate(new Tenant(
                        acme.id(), acme.name(), null, false, null, 3, null, acme.createdAt(), T0.plusSeconds(1)))
                .orElseThrow();
        assertThat(three.maxRunning()).isEqualTo(3);
        assertThat(claim(10, null, "default")).hasSize(2);

        auth.tenantUpdate(
                new Tenant(acme.id(), acme.name(), null, false, null, null, null, acme.createdAt(), T0.plusSeconds(2)));
        assertThat(claim(10, null, "default")).hasSize(3);
    }

    @Test
    void claimersRacingForOneTenantNeverRunMoreThanItsQuota() throws Exception {
        tenantRunningAtMost("acme", 3);
        queued("acme", "default", 40, 0);
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return claim(5, null, "default").size();
                }));
            }
            start.countDown();
            int claimed = 0;
            for (Future<Integer> r : results) {
                claimed += r.get(60, TimeUnit.SECONDS);
            }
            assertThat(claimed).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeletedTenantsQuotaNoLongerHolds() {
        tenantRunningAtMost("acme", 1);
        queued("acme", "default", 3, 0);
        assertThat(claim(10, null, "default")).hasSize(1);
        assertThat(auth.tenantDelete("acme", T0.plusSeconds(1))).isTrue();
        // Its tasks are not claimed by the quota's rule any more (what becomes of them is the API's concern).
        assertThat(claim(10, null, "default")).hasSize(2);
    }

    // ---- secrets ------------------------------------------------------------------------------------

    @Test
    void aSecretIsMadeOnceAndThenOnlyRead() {
        AtomicInteger made = new AtomicInteger();
        String first = auth.secret("jwt", () -> "value-" + made.incrementAndGet());
        String second = auth.secret("jwt", () -> "value-" + made.incrementAndGet());
        assertThat(first).isEqualTo("value-1").isEqualTo(second);
        assertThat(made).hasValue(1);
        assertThat(auth.secret("other", () -> "x")).isEqualTo("x");
    }
}
