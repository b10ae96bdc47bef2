using Flash.Platform;

namespace Flash.Tests.Platform;

[TestFixture]
public class CatalogTests
{
    // ---- gpuIds ----

    [Test]
    public void GpuIds_for_the_L4_rent_only_the_L4_from_its_pool()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([], [GpuType.NvidiaL4]),
            Is.EqualTo("AMPERE_24,-NVIDIA GeForce RTX 3090,-NVIDIA RTX A5000"));
    }

    [Test]
    public void GpuIds_for_the_A100_PCIe_negate_the_SXM4()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([], [GpuType.NvidiaA100_80GbPcie]),
            Is.EqualTo("AMPERE_80,-NVIDIA A100-SXM4-80GB"));
    }

    [Test]
    public void GpuIds_for_a_group_and_a_type_of_that_pool_are_the_group_alone()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([GpuGroup.Ampere24], [GpuType.NvidiaL4]),
            Is.EqualTo("AMPERE_24"));
    }

    [Test]
    public void GpuIds_for_a_group_and_the_sole_type_of_another_pool_list_both_pools()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([GpuGroup.Ampere80], [GpuType.NvidiaGeForceRtx4090]),
            Is.EqualTo("ADA_24,AMPERE_80"));
    }

    private const string AllPoolIds =
        "ADA_24,ADA_32_PRO,ADA_48_PRO,ADA_80_PRO,AMPERE_16,AMPERE_24,AMPERE_48,AMPERE_80,BLACKWELL_180,BLACKWELL_96,HOPPER_141";

    [Test]
    public void GpuIds_for_any_expand_to_every_pool()
    {
        Assert.That(GpuCatalog.ComputeGpuIds([GpuGroup.Any], []), Is.EqualTo(AllPoolIds));
    }

    [Test]
    public void GpuIds_for_any_with_types_and_groups_are_still_every_pool_without_negations()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([GpuGroup.Ada24, GpuGroup.Any], [GpuType.NvidiaL4, GpuType.NvidiaA40]),
            Is.EqualTo(AllPoolIds));
    }

    [Test]
    public void GpuIds_for_types_across_pools_are_sorted_with_negations_last()
    {
        // Two of AMPERE_16's four members, one of AMPERE_48's two, the sole member of HOPPER_141,
        // one of BLACKWELL_96's three, plus the AMPERE_80 group with one of its members named again.
        var ids = GpuCatalog.ComputeGpuIds(
            [GpuGroup.Ampere80],
            [
                GpuType.NvidiaRtxPro6000BlackwellMaxQWorkstation,
                GpuType.NvidiaRtxA4000,
                GpuType.NvidiaH200,
                GpuType.NvidiaRtx4000Ada,
                GpuType.NvidiaRtxA6000,
                GpuType.NvidiaA100Sxm4_80Gb,
                GpuType.NvidiaRtxA4000,
            ]);

        Assert.That(ids, Is.EqualTo(
            "AMPERE_16,AMPERE_48,AMPERE_80,BLACKWELL_96,HOPPER_141," +
            "-NVIDIA A40," +
            "-NVIDIA RTX 2000 Ada Generation," +
            "-NVIDIA RTX A4500," +
            "-NVIDIA RTX PRO 6000 Blackwell Server Edition," +
            "-NVIDIA RTX PRO 6000 Blackwell Workstation Edition"));
    }

    [Test]
    public void GpuIds_for_every_member_of_a_pool_have_no_negations()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([], [GpuType.NvidiaA100Sxm4_80Gb, GpuType.NvidiaA100_80GbPcie]),
            Is.EqualTo("AMPERE_80"));
    }

    [Test]
    public void GpuIds_list_a_repeated_group_once()
    {
        Assert.That(
            GpuCatalog.ComputeGpuIds([GpuGroup.Hopper141, GpuGroup.Ada24, GpuGroup.Hopper141], []),
            Is.EqualTo("ADA_24,HOPPER_141"));
    }

    [Test]
    public void GpuIds_of_undefined_values_throw()
    {
        Assert.That(() => GpuCatalog.ComputeGpuIds([(GpuGroup)0], []), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => GpuCatalog.ComputeGpuIds([], [(GpuType)999]), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    // ---- GPU catalog ----

    private static readonly object[] GpuTable =
    [
        new object[] { GpuType.NvidiaGeForceRtx4090, "NVIDIA GeForce RTX 4090", GpuGroup.Ada24 },
        new object[] { GpuType.NvidiaGeForceRtx5090, "NVIDIA GeForce RTX 5090", GpuGroup.Ada32Pro },
        new object[] { GpuType.NvidiaRtx6000Ada, "NVIDIA RTX 6000 Ada Generation", GpuGroup.Ada48Pro },
        new object[] { GpuType.NvidiaH100_80GbHbm3, "NVIDIA H100 80GB HBM3", GpuGroup.Ada80Pro },
        new object[] { GpuType.NvidiaRtxA4000, "NVIDIA RTX A4000", GpuGroup.Ampere16 },
        new object[] { GpuType.NvidiaRtxA4500, "NVIDIA RTX A4500", GpuGroup.Ampere16 },
        new object[] { GpuType.NvidiaRtx4000Ada, "NVIDIA RTX 4000 Ada Generation", GpuGroup.Ampere16 },
        new object[] { GpuType.NvidiaRtx2000Ada, "NVIDIA RTX 2000 Ada Generation", GpuGroup.Ampere16 },
        new object[] { GpuType.NvidiaRtxA5000, "NVIDIA RTX A5000", GpuGroup.Ampere24 },
        new object[] { GpuType.NvidiaL4, "NVIDIA L4", GpuGroup.Ampere24 },
        new object[] { GpuType.NvidiaGeForceRtx3090, "NVIDIA GeForce RTX 3090", GpuGroup.Ampere24 },
        new object[] { GpuType.NvidiaA40, "NVIDIA A40", GpuGroup.Ampere48 },
        new object[] { GpuType.NvidiaRtxA6000, "NVIDIA RTX A6000", GpuGroup.Ampere48 },
        new object[] { GpuType.NvidiaA100_80GbPcie, "NVIDIA A100 80GB PCIe", GpuGroup.Ampere80 },
        new object[] { GpuType.NvidiaA100Sxm4_80Gb, "NVIDIA A100-SXM4-80GB", GpuGroup.Ampere80 },
        new object[] { GpuType.NvidiaH200, "NVIDIA H200", GpuGroup.Hopper141 },
        new object[] { GpuType.NvidiaRtxPro6000BlackwellServer, "NVIDIA RTX PRO 6000 Blackwell Server Edition", GpuGroup.Blackwell96 },
        new object[] { GpuType.NvidiaRtxPro6000BlackwellWorkstation, "NVIDIA RTX PRO 6000 Blackwell Workstation Edition", GpuGroup.Blackwell96 },
        new object[] { GpuType.NvidiaRtxPro6000BlackwellMaxQWorkstation, "NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition", GpuGroup.Blackwell96 },
        new object[] { GpuType.NvidiaB200, "NVIDIA B200", GpuGroup.Blackwell180 },
    ];

    [TestCaseSource(nameof(GpuTable))]
    public void Each_GPU_type_has_its_exact_id_and_pool(GpuType type, string id, GpuGroup pool)
    {
        Assert.That(GpuCatalog.IsDefined(type), Is.True);
        Assert.That(GpuCatalog.TypeId(type), Is.EqualTo(id));
        Assert.That(GpuCatalog.PoolOf(type), Is.EqualTo(pool));
        Assert.That(GpuCatalog.TypesIn(pool), Does.Contain(type));
    }

    [Test]
    public void The_GPU_table_covers_every_member_of_the_enum()
    {
        var covered = GpuTable.Cast<object[]>().Select(row => (GpuType)row[0]).ToArray();
        Assert.That(covered, Is.EqualTo(Enum.GetValues<GpuType>()));
    }

    [TestCase(GpuGroup.Any, "any")]
    [TestCase(GpuGroup.Ada24, "ADA_24")]
    [TestCase(GpuGroup.Ada32Pro, "ADA_32_PRO")]
    [TestCase(GpuGroup.Ada48Pro, "ADA_48_PRO")]
    [TestCase(GpuGroup.Ada80Pro, "ADA_80_PRO")]
    [TestCase(GpuGroup.Ampere16, "AMPERE_16")]
    [TestCase(GpuGroup.Ampere24, "AMPERE_24")]
    [TestCase(GpuGroup.Ampere48, "AMPERE_48")]
    [TestCase(GpuGroup.Ampere80, "AMPERE_80")]
    [TestCase(GpuGroup.Hopper141, "HOPPER_141")]
    [TestCase(GpuGroup.Blackwell96, "BLACKWELL_96")]
    [TestCase(GpuGroup.Blackwell180, "BLACKWELL_180")]
    public void Each_GPU_group_has_its_exact_id(GpuGroup group, string id)
    {
        Assert.That(GpuCatalog.IsDefined(group), Is.True);
        Assert.That(GpuCatalog.GroupId(group), Is.EqualTo(id));
    }

    [Test]
    public void The_pools_are_every_group_but_Any_in_enum_order()
    {
        Assert.That(GpuCatalog.Pools, Is.EqualTo(Enum.GetValues<GpuGroup>().Where(g => g != GpuGroup.Any).ToArray()));
    }

    [Test]
    public void TypesIn_lists_a_pools_members_in_enum_order_and_nothing_for_Any()
    {
        Assert.That(GpuCatalog.TypesIn(GpuGroup.Ampere24),
            Is.EqualTo(new[] { GpuType.NvidiaRtxA5000, GpuType.NvidiaL4, GpuType.NvidiaGeForceRtx3090 }));
        Assert.That(GpuCatalog.TypesIn(GpuGroup.Any), Is.Empty);
        Assert.That(GpuCatalog.Pools.Sum(p => GpuCatalog.TypesIn(p).Count), Is.EqualTo(Enum.GetValues<GpuType>().Length));
    }

    // ---- CPU catalog ----

    [TestCase(CpuInstanceType.Cpu3g_1_4, "cpu3g-1-4", 1, 4, 10)]
    [TestCase(CpuInstanceType.Cpu3g_2_8, "cpu3g-2-8", 2, 8, 20)]
    [TestCase(CpuInstanceType.Cpu3g_4_16, "cpu3g-4-16", 4, 16, 40)]
    [TestCase(CpuInstanceType.Cpu3g_8_32, "cpu3g-8-32", 8, 32, 80)]
    [TestCase(CpuInstanceType.Cpu3c_1_2, "cpu3c-1-2", 1, 2, 10)]
    [TestCase(CpuInstanceType.Cpu3c_2_4, "cpu3c-2-4", 2, 4, 20)]
    [TestCase(CpuInstanceType.Cpu3c_4_8, "cpu3c-4-8", 4, 8, 40)]
    [TestCase(CpuInstanceType.Cpu3c_8_16, "cpu3c-8-16", 8, 16, 80)]
    [TestCase(CpuInstanceType.Cpu5c_1_2, "cpu5c-1-2", 1, 2, 15)]
    [TestCase(CpuInstanceType.Cpu5c_2_4, "cpu5c-2-4", 2, 4, 30)]
    [TestCase(CpuInstanceType.Cpu5c_4_8, "cpu5c-4-8", 4, 8, 60)]
    [TestCase(CpuInstanceType.Cpu5c_8_16, "cpu5c-8-16", 8, 16, 120)]
    public void Each_CPU_instance_type_matches_the_platform_table(CpuInstanceType type, string id, int vCpu, int ramGb, int maxDiskGb)
    {
        Assert.That(CpuCatalog.IsDefined(type), Is.True);
        Assert.That(CpuCatalog.Id(type), Is.EqualTo(id));
        Assert.That(CpuCatalog.VCpu(type), Is.EqualTo(vCpu));
        Assert.That(CpuCatalog.RamGb(type), Is.EqualTo(ramGb));
        Assert.That(CpuCatalog.MaxContainerDiskGb(type), Is.EqualTo(maxDiskGb));
    }

    [Test]
    public void The_CPU_catalog_defines_every_member_of_the_enum()
    {
        Assert.That(Enum.GetValues<CpuInstanceType>().All(CpuCatalog.IsDefined), Is.True);
    }

    [Test]
    public void The_limiting_type_is_the_one_with_the_smallest_disk_limit()
    {
        var limiting = CpuCatalog.LimitingType([CpuInstanceType.Cpu3g_1_4, CpuInstanceType.Cpu5c_8_16]);
        Assert.That(limiting, Is.EqualTo(CpuInstanceType.Cpu3g_1_4));
        Assert.That(CpuCatalog.MaxContainerDiskGb(limiting), Is.EqualTo(10));

        Assert.That(CpuCatalog.LimitingType([CpuInstanceType.Cpu5c_8_16, CpuInstanceType.Cpu3g_1_4]),
            Is.EqualTo(CpuInstanceType.Cpu3g_1_4));
    }

    [Test]
    public void A_tie_for_the_limiting_type_goes_to_the_first_in_the_list()
    {
        Assert.That(CpuCatalog.LimitingType([CpuInstanceType.Cpu3c_2_4, CpuInstanceType.Cpu3g_2_8]),
            Is.EqualTo(CpuInstanceType.Cpu3c_2_4));
        Assert.That(CpuCatalog.LimitingType([CpuInstanceType.Cpu3g_2_8, CpuInstanceType.Cpu3c_2_4]),
            Is.EqualTo(CpuInstanceType.Cpu3g_2_8));
    }

    [Test]
    public void The_limiting_type_of_an_empty_list_throws()
    {
        Assert.That(() => CpuCatalog.LimitingType([]), Throws.ArgumentException);
    }

    [Test]
    public void InstanceIds_drop_repeats_and_keep_the_order()
    {
        Assert.That(
            CpuCatalog.InstanceIds([CpuInstanceType.Cpu5c_2_4, CpuInstanceType.Cpu3g_1_4, CpuInstanceType.Cpu5c_2_4]),
            Is.EqualTo("cpu5c-2-4,cpu3g-1-4"));
    }

    // ---- Datacenters ----

    [Test]
    public void Datacenter_text_is_read_whatever_its_case_spaces_and_underscores()
    {
        Assert.That(DataCenterCatalog.TryParse(" us_ca_2 ", out var dc), Is.True);
        Assert.That(dc, Is.EqualTo(DataCenter.UsCa2));
    }

    [TestCase("MARS-1")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    [TestCase("EU-RO-1x")]
    public void Unknown_datacenter_text_is_refused(string? text)
    {
        Assert.That(DataCenterCatalog.TryParse(text, out var dc), Is.False);
        Assert.That(DataCenterCatalog.IsDefined(dc), Is.False);
    }

    [Test]
    public void Every_datacenter_id_reads_back_to_its_member_also_in_lower_case_with_underscores()
    {
        foreach (var dc in Enum.GetValues<DataCenter>())
        {
            Assert.That(DataCenterCatalog.IsDefined(dc), Is.True, dc.ToString());
            var id = DataCenterCatalog.Id(dc);
            Assert.That(DataCenterCatalog.TryParse(id, out var parsed), Is.True, id);
            Assert.That(parsed, Is.EqualTo(dc), id);
            Assert.That(DataCenterCatalog.TryParse(id.ToLowerInvariant().Replace('-', '_'), out parsed), Is.True, id);
            Assert.That(parsed, Is.EqualTo(dc), id);
        }
    }

    [Test]
    public void Datacenter_ids_are_distinct()
    {
        var ids = Enum.GetValues<DataCenter>().Select(DataCenterCatalog.Id).ToArray();
        Assert.That(ids, Is.Unique);
    }

    private static readonly string[] RestList =
    [
        "EU-RO-1", "CA-MTL-1", "EU-SE-1", "US-IL-1", "EUR-IS-1", "EU-CZ-1", "US-TX-3", "EUR-IS-2", "US-KS-2",
        "US-GA-2", "US-WA-1", "US-TX-1", "CA-MTL-3", "EU-NL-1", "US-TX-4", "US-CA-2", "US-NC-1", "OC-AU-1", "US-DE-1",
        "EUR-IS-3", "CA-MTL-2", "AP-JP-1", "EUR-NO-1", "EU-FR-1", "US-KS-3", "US-GA-1",
    ];

    private static readonly string[] StorageList =
    [
        "US-CA-2", "US-IL-1", "US-KS-2", "US-MO-1", "US-MO-2", "US-NC-2", "US-NE-1", "US-WA-1", "EU-CZ-1", "EU-RO-1", "EUR-NO-1",
    ];

    [Test]
    public void Every_datacenter_the_REST_API_lists_is_a_defined_member()
    {
        foreach (var id in RestList)
        {
            Assert.That(DataCenterCatalog.TryParse(id, out var dc), Is.True, id);
            Assert.That(DataCenterCatalog.IsDefined(dc), Is.True, id);
            Assert.That(DataCenterCatalog.Id(dc), Is.EqualTo(id));
        }
    }

    [Test]
    public void The_datacenters_with_network_storage_are_defined_members_and_in_order_the_GPU_default()
    {
        var parsed = new List<DataCenter>();
        foreach (var id in StorageList)
        {
            Assert.That(DataCenterCatalog.TryParse(id, out var dc), Is.True, id);
            Assert.That(DataCenterCatalog.IsDefined(dc), Is.True, id);
            Assert.That(DataCenterCatalog.HasNetworkStorage(dc), Is.True, id);
            parsed.Add(dc);
        }

        Assert.That(DataCenterCatalog.DefaultGpuLocations, Is.EqualTo(parsed));
        Assert.That(DataCenterCatalog.Locations(DataCenterCatalog.DefaultGpuLocations), Is.EqualTo(string.Join(",", StorageList)));
    }

    [Test]
    public void The_datacenter_enum_is_the_union_of_both_lists()
    {
        var union = RestList.Union(StorageList).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var all = Enum.GetValues<DataCenter>().Select(DataCenterCatalog.Id).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.That(all, Is.EqualTo(union));
    }

    [Test]
    public void A_datacenter_outside_the_storage_list_has_no_network_storage()
    {
        Assert.That(DataCenterCatalog.HasNetworkStorage(DataCenter.UsGa2), Is.False);
        Assert.That(DataCenterCatalog.HasNetworkStorage((DataCenter)0), Is.False);
    }

    [Test]
    public void The_CPU_datacenters_are_EU_RO_1_alone()
    {
        Assert.That(DataCenterCatalog.CpuDataCenters, Is.EqualTo(new[] { DataCenter.EuRo1 }));
    }

    [Test]
    public void Locations_keep_the_order_and_the_repeats()
    {
        Assert.That(DataCenterCatalog.Locations([DataCenter.EurNo1, DataCenter.UsGa2, DataCenter.EurNo1]),
            Is.EqualTo("EUR-NO-1,US-GA-2,EUR-NO-1"));
        Assert.That(DataCenterCatalog.Locations([]), Is.EqualTo(""));
    }

    // ---- CUDA and scaler ----

    [TestCase("11.8", CudaVersion.Cuda11_8)]
    [TestCase("12.0", CudaVersion.Cuda12_0)]
    [TestCase(" 12.8 ", CudaVersion.Cuda12_8)]
    [TestCase("13.0", CudaVersion.Cuda13_0)]
    public void Known_CUDA_versions_are_read_from_text(string text, CudaVersion expected)
    {
        Assert.That(CudaCatalog.TryParse(text, out var v), Is.True);
        Assert.That(v, Is.EqualTo(expected));
    }

    [TestCase("12")]
    [TestCase("12.10")]
    [TestCase("13.1")]
    [TestCase("v12.8")]
    [TestCase("")]
    [TestCase(null)]
    public void Unknown_CUDA_version_text_is_refused(string? text)
    {
        Assert.That(CudaCatalog.TryParse(text, out var v), Is.False);
        Assert.That(CudaCatalog.IsDefined(v), Is.False);
    }

    [Test]
    public void The_CUDA_ids_are_the_platform_list_and_read_back_to_their_members()
    {
        var ids = Enum.GetValues<CudaVersion>().Select(CudaCatalog.Id).ToArray();
        Assert.That(ids, Is.EqualTo(new[] { "11.8", "12.0", "12.1", "12.2", "12.3", "12.4", "12.5", "12.6", "12.7", "12.8", "12.9", "13.0" }));
        foreach (var v in Enum.GetValues<CudaVersion>())
        {
            Assert.That(CudaCatalog.TryParse(CudaCatalog.Id(v), out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(v));
        }
    }

    [Test]
    public void Scaler_types_have_the_platform_ids()
    {
        Assert.That(ScalerCatalog.Id(ScalerType.QueueDelay), Is.EqualTo("QUEUE_DELAY"));
        Assert.That(ScalerCatalog.Id(ScalerType.RequestCount), Is.EqualTo("REQUEST_COUNT"));
    }

    // ---- Every member, and each member back from its exact id ----

    private delegate bool ExactParse<T>(string? id, out T member);

    [Test]
    public void Every_catalog_lists_every_member_of_its_enum_in_enum_order()
    {
        Assert.That(GpuCatalog.AllGroups, Is.EqualTo(Enum.GetValues<GpuGroup>()));
        Assert.That(GpuCatalog.AllTypes, Is.EqualTo(Enum.GetValues<GpuType>()));
        Assert.That(CpuCatalog.All, Is.EqualTo(Enum.GetValues<CpuInstanceType>()));
        Assert.That(DataCenterCatalog.All, Is.EqualTo(Enum.GetValues<DataCenter>()));
        Assert.That(CudaCatalog.All, Is.EqualTo(Enum.GetValues<CudaVersion>()));
        Assert.That(ScalerCatalog.All, Is.EqualTo(Enum.GetValues<ScalerType>()));
    }

    [Test]
    public void Every_id_reads_back_exactly_to_its_member()
    {
        AssertEveryIdReadsBack<GpuGroup>(GpuCatalog.GroupId, GpuCatalog.TryParseGroupId);
        AssertEveryIdReadsBack<GpuType>(GpuCatalog.TypeId, GpuCatalog.TryParseTypeId);
        AssertEveryIdReadsBack<CpuInstanceType>(CpuCatalog.Id, CpuCatalog.TryParseId);
        AssertEveryIdReadsBack<DataCenter>(DataCenterCatalog.Id, DataCenterCatalog.TryParseId);
        AssertEveryIdReadsBack<CudaVersion>(CudaCatalog.Id, CudaCatalog.TryParseId);
        AssertEveryIdReadsBack<ScalerType>(ScalerCatalog.Id, ScalerCatalog.TryParseId);
    }

    [Test]
    public void Exact_id_reading_refuses_what_lenient_reading_accepts()
    {
        Assert.That(DataCenterCatalog.TryParse(" us_ca_2 ", out _), Is.True);
        Assert.That(DataCenterCatalog.TryParseId(" us_ca_2 ", out _), Is.False);
        Assert.That(DataCenterCatalog.TryParseId("us-ca-2", out var dc), Is.False);
        Assert.That(DataCenterCatalog.IsDefined(dc), Is.False);

        Assert.That(CudaCatalog.TryParse(" 12.8 ", out _), Is.True);
        Assert.That(CudaCatalog.TryParseId(" 12.8 ", out var cuda), Is.False);
        Assert.That(CudaCatalog.IsDefined(cuda), Is.False);

        Assert.That(GpuCatalog.TryParseGroupId("ANY", out var group), Is.False);
        Assert.That(GpuCatalog.IsDefined(group), Is.False);
        Assert.That(GpuCatalog.TryParseTypeId("nvidia l4", out var type), Is.False);
        Assert.That(GpuCatalog.IsDefined(type), Is.False);
        Assert.That(CpuCatalog.TryParseId("CPU3G-1-4", out var cpu), Is.False);
        Assert.That(CpuCatalog.IsDefined(cpu), Is.False);
        Assert.That(ScalerCatalog.TryParseId("queue_delay", out var scaler), Is.False);
        Assert.That(ScalerCatalog.IsDefined(scaler), Is.False);
    }

    private static void AssertEveryIdReadsBack<T>(Func<T, string> id, ExactParse<T> parse)
        where T : struct, Enum
    {
        foreach (var member in Enum.GetValues<T>())
        {
            Assert.That(parse(id(member), out var back), Is.True, id(member));
            Assert.That(back, Is.EqualTo(member), id(member));
        }
    }

    // ---- Defaults ----

    [Test]
    public void The_platform_defaults_are_defined_and_within_their_ranges()
    {
        Assert.That(CudaCatalog.Id(PlatformDefaults.MinCudaVersion), Is.EqualTo("12.8"));
        Assert.That(DataCenterCatalog.Id(PlatformDefaults.VolumeDataCenter), Is.EqualTo("EU-RO-1"));
        Assert.That(PlatformDefaults.VolumeSizeGb, Is.InRange(PlatformDefaults.VolumeSizeMinGb, PlatformDefaults.VolumeSizeMaxGb));
        Assert.That(PlatformDefaults.IdleTimeoutSeconds, Is.InRange(PlatformDefaults.IdleTimeoutMinSeconds, PlatformDefaults.IdleTimeoutMaxSeconds));
    }

    // ---- Undefined enum values ----

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(999)]
    public void Undefined_values_are_not_defined_and_asking_their_ids_throws(int raw)
    {
        Assert.That(GpuCatalog.IsDefined((GpuGroup)raw), Is.False);
        Assert.That(GpuCatalog.IsDefined((GpuType)raw), Is.False);
        Assert.That(CpuCatalog.IsDefined((CpuInstanceType)raw), Is.False);
        Assert.That(DataCenterCatalog.IsDefined((DataCenter)raw), Is.False);
        Assert.That(CudaCatalog.IsDefined((CudaVersion)raw), Is.False);
        Assert.That(ScalerCatalog.IsDefined((ScalerType)raw), Is.False);

        Assert.That(() => GpuCatalog.GroupId((GpuGroup)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => GpuCatalog.TypeId((GpuType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => GpuCatalog.PoolOf((GpuType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => GpuCatalog.TypesIn((GpuGroup)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => CpuCatalog.Id((CpuInstanceType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => CpuCatalog.VCpu((CpuInstanceType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => CpuCatalog.RamGb((CpuInstanceType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => CpuCatalog.MaxContainerDiskGb((CpuInstanceType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => DataCenterCatalog.Id((DataCenter)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => CudaCatalog.Id((CudaVersion)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => ScalerCatalog.Id((ScalerType)raw), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void The_message_for_an_undefined_value_names_the_value_and_the_enum()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GpuCatalog.TypeId((GpuType)999));
        Assert.That(ex!.Message, Does.Contain("999").And.Contain("GpuType"));
    }
}
