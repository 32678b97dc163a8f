using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Tests.Kernels;

/// <summary>Run alone: these tests say who holds the workers, which a test running beside them would change.</summary>
[CollectionDefinition("worker pool", DisableParallelization = true)]
public class WorkerPoolCollection;

[Collection("worker pool")]
public class WorkerPoolTests
{
    [Fact]
    public void EveryPartRunsOnceAndPartZeroOnTheCaller()
    {
        for (var parts = 1; parts <= 4; parts++)
        {
            var runs = new int[parts];
            var threads = new int[parts];
            WorkerPool.Run(parts, p =>
            {
                Interlocked.Increment(ref runs[p]);
                threads[p] = Environment.CurrentManagedThreadId;
            });
            Assert.All(runs, r => Assert.Equal(1, r));
            Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
        }
    }

    [Fact]
    public void PartsRunAtOnceWhenTheWorkersAreFree()
    {
        // Each part waits until the other has arrived: run one after another, this would never finish.
        var arrived = 0;
        var ran = WorkerPool.TryRunAtOnce(2, _ =>
        {
            Interlocked.Increment(ref arrived);
            var spin = new SpinWait();
            while (Volatile.Read(ref arrived) < 2) spin.SpinOnce();
        });
        Assert.True(ran);
        Assert.Equal(2, arrived);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(7, 2)]
    [InlineData(1000, 2)]
    [InlineData(1000, 3)]
    [InlineData(5, 1)]
    public void ForEachVisitsEveryItemOnce(int items, int parts)
    {
        var seen = new int[items];
        WorkerPool.ForEach(items, parts, i => Interlocked.Increment(ref seen[i]));
        Assert.All(seen, s => Assert.Equal(1, s));
    }

    [Fact]
    public void AFailingPartSurfacesItsErrorAndThePoolStillWorks()
    {
        var ex = Assert.Throws<AggregateException>(() => WorkerPool.Run(2, p =>
        {
            if (p == 1) throw new InvalidOperationException("part 1 broke");
        }));
        Assert.Equal("part 1 broke", ex.InnerException!.Message);
        var sum = 0;
        WorkerPool.Run(2, p => Interlocked.Add(ref sum, p + 1));
        Assert.Equal(3, sum);
    }

    [Fact]
    public void AFailingPartSurfacesTheSameErrorWhenThePoolIsBusy()
    {
        // A nested call finds the pool held by its outer call and runs its parts on the caller: the failure must
        // look exactly like the one from the workers, and every other part must still have run.
        var outcomes = new Exception?[2];
        var ran = new int[2, 3];
        WorkerPool.Run(2, outer =>
        {
            try
            {
                WorkerPool.Run(3, p =>
                {
                    ran[outer, p] = 1;
                    if (p == 1) throw new InvalidOperationException("part 1 broke");
                });
            }
            catch (Exception e) { outcomes[outer] = e; }
        });
        foreach (var e in outcomes)
        {
            var agg = Assert.IsType<AggregateException>(e);
            Assert.Equal("part 1 broke", agg.InnerException!.Message);
        }
        Assert.All(ran.Cast<int>(), r => Assert.Equal(1, r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OnePartOrOneThreadFailsTheSameWay(int parts)
    {
        var single = Assert.Throws<AggregateException>(() => WorkerPool.Run(1, _ => throw new InvalidOperationException("alone")));
        Assert.Equal("alone", single.InnerException!.Message);
        var each = Assert.Throws<AggregateException>(() => WorkerPool.ForEach(4, parts, i =>
        {
            if (i == 2) throw new InvalidOperationException("item 2");
        }));
        Assert.Equal("item 2", each.InnerException!.Message);
    }

    [Fact]
    public void ANestedCallRunsItsPartsOnTheCaller()
    {
        var inner = new int[2, 3];
        var innerThreads = new int[2, 3];
        var nestedTry = new bool[2];
        WorkerPool.Run(2, outer =>
        {
            nestedTry[outer] = WorkerPool.TryRunAtOnce(2, _ => { });
            var me = Environment.CurrentManagedThreadId;
            WorkerPool.Run(3, p =>
            {
                inner[outer, p]++;
                innerThreads[outer, p] = me == Environment.CurrentManagedThreadId ? 1 : 0;
            });
        });
        Assert.Equal([false, false], nestedTry);
        for (var o = 0; o < 2; o++)
            for (var p = 0; p < 3; p++)
            {
                Assert.Equal(1, inner[o, p]);
                Assert.Equal(1, innerThreads[o, p]);
            }
    }

    [Fact]
    public void WorkersWokenFromSleepAndConcurrentCallersAllFinish()
    {
        // Pauses longer than the workers' spin put them to sleep between jobs (the wake-up path); four callers
        // at once contend for them (the run-on-the-caller path). A lost wake-up would hang this test.
        var totals = new long[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
        {
            for (var round = 0; round < 60; round++)
            {
                WorkerPool.Run(2, p => Interlocked.Add(ref totals[c], round * 2 + p));
                if (round % 10 == 0) Thread.Sleep(2);
            }
        });
        var expected = Enumerable.Range(0, 60).Sum(r => (long)(4 * r + 1));
        Assert.All(totals, t => Assert.Equal(expected, t));
    }
}
