extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Tests.Analyzers;

/// <summary>
/// Every rule: a declaration that breaks it (ID, span and full message asserted) and the nearest one that does not.
/// </summary>
public sealed class RuleTests
{
    private static string Method(string arguments, string signature = "public static int Run(int x) => x;") => $$"""
        public static class Jobs
        {
            [Endpoint({{arguments}})]
            {{signature}}
        }
        """;

    private static string Api(string arguments, string routes = """[Get("/models")] public string[] Models() => [];""") => $$"""
        [Endpoint({{arguments}})]
        public sealed class Api
        {
            {{routes}}
        }
        """;

    private static TestCaseData Fires(string name, string markup, string id, params string[] messages) =>
        new TestCaseData(markup, id, messages).SetName($"{id.Replace("|", "_and_", StringComparison.Ordinal)}_{name}");

    private static TestCaseData Clean(string name, string markup) => new TestCaseData(markup).SetName(name);

    private const string NameRule = "an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case, such as 'image-resize'";

    private const string ImageForm = "an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0";

    private static IEnumerable<TestCaseData> Violations()
    {
        // Reading declarations
        yield return Fires("non_constant", "public static class Limits { public static int Max = 3; }\n" + Method("\"e\", [|WorkersMax = Limits.Max|]"), "FLASH001",
            "The WorkersMax argument of [Endpoint] is not a value Flash can read at compile time; write a constant of the property's type");
        yield return Fires("enum_cast_from_int", Method("\"e\", [|Gpu = (GpuType)999|]"), "FLASH002",
            "Gpu = 999 is not a member of GpuType; pick one of the GpuType members instead of casting a number");
        yield return Fires("enum_zero_in_list", Method("\"e\", [|DataCenters = [(DataCenter)0]|]"), "FLASH002",
            "DataCenters = 0 is not a member of DataCenter; pick one of the DataCenter members instead of casting a number");
        yield return Fires("singular_and_plural", Method("\"e\", DataCenter = DataCenter.EuRo1, [|DataCenters = [DataCenter.UsCa2]|]"), "FLASH003",
            "Endpoint 'e' sets both DataCenter and DataCenters; set only DataCenters with every value");
        yield return Fires("empty_gpu_list", Method("\"e\", [|Gpus = []|]"), "FLASH004",
            "Endpoint 'e' sets Gpus to an empty list, which means neither 'all' nor 'none'; list at least one value or remove Gpus");
        yield return Fires("empty_volume_list", Method("\"e\", [|Volumes = new string[0]|]"), "FLASH004",
            "Endpoint 'e' sets Volumes to an empty list, which means neither 'all' nor 'none'; list at least one value or remove Volumes");
        yield return Fires("name_with_space", Method("[|\"my endpoint\"|]"), "FLASH005",
            $"Endpoint name 'my endpoint' is not valid: it contains a space at position 3; {NameRule}");
        yield return Fires("empty_name", Method("[|\"\"|]"), "FLASH005",
            $"Endpoint name '' is not valid: it is empty; {NameRule}");
        yield return Fires("name_with_path_and_quotes", Method("[|\"../../evil \\\"name\\\"\"|]"), "FLASH005",
            $"Endpoint name '../../evil \"name\"' is not valid: it starts with '.'; {NameRule}");
        yield return Fires("name_with_slash", Method("[|\"models/resize\"|]"), "FLASH005",
            $"Endpoint name 'models/resize' is not valid: it contains '/' at position 7; {NameRule}");
        yield return Fires("name_with_quote", Method("[|\"it's\"|]"), "FLASH005",
            $"Endpoint name 'it's' is not valid: it contains ''' at position 3; {NameRule}");
        yield return Fires("name_with_emoji", Method("[|\"resize-\U0001F600\"|]"), "FLASH005",
            $"Endpoint name 'resize-\U0001F600' is not valid: it contains the non-ASCII character U+1F600 at position 8; {NameRule}");
        yield return Fires("name_too_long", Method($"[|\"{new string('a', 64)}\"|]"), "FLASH005",
            $"Endpoint name '{new string('a', 64)}' is not valid: it is 64 characters long; {NameRule}");
        yield return Fires("default_name_not_ascii", "public static class Jobs\n{\n    [[|Endpoint|]]\n    public static int Größe(int x) => x;\n}", "FLASH005",
            $"Endpoint name 'Größe' is not valid: it contains the non-ASCII character U+00F6 at position 3; {NameRule}");
        yield return Fires("names_differ_in_case", """
            public static class Jobs
            {
                [Endpoint([|"Resize"|])] public static int A(int x) => x;
                [Endpoint([|"resize"|])] public static int B(int x) => x;
            }
            """, "FLASH007",
            "The endpoint name 'Resize' differs only in case from 'resize' in this app; endpoint names must differ in more than case, so rename one of them",
            "The endpoint name 'resize' differs only in case from 'Resize' in this app; endpoint names must differ in more than case, so rename one of them");
        yield return Fires("image_with_spaces", Method("\"e\", [|Image = \"bad image name with spaces\"|]"), "FLASH008",
            $"Endpoint 'e' sets Image to 'bad image name with spaces', which is not a container image reference: it contains a space at position 4; {ImageForm}");
        yield return Fires("image_upper_case", Method("\"e\", [|Image = \"ghcr.io/You/App:1.0\"|]"), "FLASH008",
            $"Endpoint 'e' sets Image to 'ghcr.io/You/App:1.0', which is not a container image reference: the repository path has upper-case letters in 'You'; repositories are lower case; {ImageForm}");
        yield return Fires("image_bad_tag", Method("\"e\", [|Image = \"ghcr.io/you/app:-1\"|]"), "FLASH008",
            $"Endpoint 'e' sets Image to 'ghcr.io/you/app:-1', which is not a container image reference: the tag '-1' is not 1 to 128 letters, digits, '_', '.' or '-' starting with a letter, digit or '_'; {ImageForm}");
        yield return Fires("image_empty", Method("\"e\", [|Image = \"\"|]"), "FLASH008",
            $"Endpoint 'e' sets Image to '', which is not a container image reference: it is empty; {ImageForm}");
        yield return Fires("duplicate_name", """
            public static class Jobs
            {
                [Endpoint([|"twice"|])] public static int A(int x) => x;
                [Endpoint([|"twice"|])] public static int B(int x) => x;
            }
            """, "FLASH006",
            "The endpoint name 'twice' is declared more than once in this app; endpoint names are manifest keys and must be unique");
        yield return Fires("duplicate_default_name", """
            public static class Jobs { [[|Endpoint|]] public static int Run(int x) => x; }
            public static class Other { [[|Endpoint|]] public static int Run(int x) => x; }
            """, "FLASH006",
            "The endpoint name 'Run' is declared more than once in this app; endpoint names are manifest keys and must be unique");

        // Compute and placement
        yield return Fires("gpu_and_cpu", """
            public static class Jobs
            {
                [[|Endpoint("e", Gpu = GpuType.NvidiaL4, Cpu = CpuInstanceType.Cpu3c_1_2)|]]
                public static int Run(int x) => x;
            }
            """, "FLASH101",
            "Endpoint 'e' sets both GPU and CPU instance types; an endpoint runs on GPUs or on CPUs, so keep one of them");
        yield return Fires("cpu_disk_above_limit", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_2_4, [|ContainerDiskInGb = 21|]"), "FLASH102",
            "Endpoint 'e' asks for a 21 GB container disk, but CPU instance cpu3c-2-4 allows at most 20 GB (10 GB per vCPU); set ContainerDiskInGb to 20 or less, or choose a larger instance");
        yield return Fires("cpu_disk_default_64_written", Method("\"e\", Cpu = CpuInstanceType.Cpu3g_1_4, [|ContainerDiskInGb = 64|]"), "FLASH102",
            "Endpoint 'e' asks for a 64 GB container disk, but CPU instance cpu3g-1-4 allows at most 10 GB (10 GB per vCPU); set ContainerDiskInGb to 10 or less, or choose a larger instance");
        yield return Fires("cpu_disk_mixed_list", Method("\"e\", Cpus = [CpuInstanceType.Cpu5c_8_16, CpuInstanceType.Cpu3g_1_4], [|ContainerDiskInGb = 11|]"), "FLASH102",
            "Endpoint 'e' asks for a 11 GB container disk, but CPU instance cpu3g-1-4 allows at most 10 GB (10 GB per vCPU); set ContainerDiskInGb to 10 or less, or choose a larger instance");
        yield return Fires("disk_zero", Method("\"e\", [|ContainerDiskInGb = 0|]"), "FLASH103",
            "Endpoint 'e' sets ContainerDiskInGb to 0; a container disk needs at least 1 GB, or leave ContainerDiskInGb out for the default");
        yield return Fires("cpu_outside_eu_ro_1", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, DataCenters = [DataCenter.EuRo1, [|DataCenter.UsCa2|]]"), "FLASH104",
            "CPU endpoint 'e' lists datacenter US-CA-2, but CPU workers run only in EU-RO-1; remove US-CA-2");
        yield return Fires("cpu_single_datacenter", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, [|DataCenter = DataCenter.UsIl1|]"), "FLASH104",
            "CPU endpoint 'e' lists datacenter US-IL-1, but CPU workers run only in EU-RO-1; remove US-IL-1");
        yield return Fires("cuda_on_cpu", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, [|MinCudaVersion = CudaVersion.Cuda12_4|]"), "FLASH105",
            "CPU endpoint 'e' sets MinCudaVersion, which applies to GPU endpoints only and is ignored; remove it");
        yield return Fires("gpu_count_on_cpu", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, [|GpuCount = 2|]"), "FLASH105",
            "CPU endpoint 'e' sets GpuCount, which applies to GPU endpoints only and is ignored; remove it");
        yield return Fires("gpu_count_zero", Method("\"e\", [|GpuCount = 0|]"), "FLASH106",
            "Endpoint 'e' sets GpuCount to 0; a GPU worker has at least 1 GPU");
        yield return Fires("repeated_datacenter", Method("\"e\", DataCenters = [DataCenter.UsCa2, [|DataCenter.UsCa2|]]"), "FLASH107",
            "Endpoint 'e' lists datacenter US-CA-2 more than once; remove the repetition");

        // Scaling
        yield return Fires("workers_negative", Method("\"e\", [|WorkersMin = -1|]"), "FLASH201",
            "Endpoint 'e' sets WorkersMin to -1; worker counts cannot be negative");
        yield return Fires("workers_2_1", Method("\"e\", [|WorkersMin = 2|], WorkersMax = 1"), "FLASH202",
            "Endpoint 'e' keeps at least 2 workers but at most 1; make WorkersMin no larger than WorkersMax");
        yield return Fires("workers_min_above_default_max", Method("\"e\", [|WorkersMin = 3|]"), "FLASH202",
            "Endpoint 'e' keeps at least 3 workers but at most 1; make WorkersMin no larger than WorkersMax");
        yield return Fires("workers_0_0", Method("\"e\", WorkersMin = 0, [|WorkersMax = 0|]"), "FLASH203",
            "Endpoint 'e' allows at most 0 workers, so it can never run a job; set WorkersMax to 1 or more");
        yield return Fires("idle_0", Method("\"e\", [|IdleTimeoutSeconds = 0|]"), "FLASH204",
            "Endpoint 'e' sets IdleTimeoutSeconds to 0; it must be between 1 and 3600 seconds");
        yield return Fires("idle_3601", Method("\"e\", [|IdleTimeoutSeconds = 3601|]"), "FLASH204",
            "Endpoint 'e' sets IdleTimeoutSeconds to 3601; it must be between 1 and 3600 seconds");
        yield return Fires("max_concurrency_0", Method("\"e\", [|MaxConcurrency = 0|]"), "FLASH205",
            "Endpoint 'e' sets MaxConcurrency to 0; a worker runs at least 1 job at a time");
        yield return Fires("max_concurrency_on_lb", Api("\"api\", [|MaxConcurrency = 2|]"), "FLASH206",
            "Endpoint 'api' is load-balanced, so MaxConcurrency is ignored (it applies to queue-based endpoints); remove it");
        yield return Fires("queue_delay_on_lb", Api("\"api\", [|ScalerType = ScalerType.QueueDelay|]"), "FLASH207",
            "Endpoint 'api' is load-balanced and has no queue, so it cannot scale by QueueDelay; use ScalerType.RequestCount or leave ScalerType out");
        yield return Fires("scaler_value_0", Method("\"e\", [|ScalerValue = 0|]"), "FLASH208",
            "Endpoint 'e' sets ScalerValue to 0; the scaler threshold must be at least 1");
        yield return Fires("execution_timeout_negative", Method("\"e\", [|ExecutionTimeoutMs = -5|]"), "FLASH209",
            "Endpoint 'e' sets ExecutionTimeoutMs to -5; use a positive number of milliseconds, or 0 for no limit");

        // Network volumes
        yield return Fires("two_volumes_one_datacenter", """
            [assembly: NetworkVolume("models-us", DataCenter = DataCenter.UsCa2)]
            [assembly: NetworkVolume("cache-us", DataCenter = DataCenter.UsCa2)]
            """ + Method("\"global-inference\", Volumes = [\"models-us\", [|\"cache-us\"|]]"), "FLASH301",
            "Endpoint 'global-inference' attaches volumes 'models-us' and 'cache-us' in the same datacenter US-CA-2; an endpoint can attach one network volume per datacenter");
        yield return Fires("volume_9_gb", "[assembly: NetworkVolume(\"v\", [|SizeGb = 9|])]\n" + Method("\"e\", Volume = \"v\""), "FLASH302",
            "Network volume 'v' is 9 GB; a network volume holds 10 to 4096 GB");
        yield return Fires("volume_4097_gb", "[assembly: NetworkVolume(\"v\", [|SizeGb = 4097|])]\n" + Method("\"e\", Volume = \"v\""), "FLASH302",
            "Network volume 'v' is 4097 GB; a network volume holds 10 to 4096 GB");
        yield return Fires("volume_outside_list", "[assembly: NetworkVolume(\"v\", DataCenter = DataCenter.EuRo1)]\n" + Method("\"e\", DataCenters = [DataCenter.UsCa2], [|Volume = \"v\"|]"), "FLASH303",
            "Endpoint 'e' attaches volume 'v' in EU-RO-1, but runs only in US-CA-2; add EU-RO-1 to the endpoint's datacenters or attach a volume in one of them");
        yield return Fires("cpu_volume_elsewhere", "[assembly: NetworkVolume(\"v\", DataCenter = DataCenter.UsCa2)]\n" + Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, [|Volume = \"v\"|]"), "FLASH304",
            "CPU endpoint 'e' attaches volume 'v' in US-CA-2, but CPU workers run only in EU-RO-1, so the volume can never be mounted; use a volume in EU-RO-1");
        yield return Fires("unknown_volume", "[assembly: NetworkVolume(\"cache\")]\n" + Method("\"e\", Volumes = [\"cache\", [|\"cahce\"|]]"), "FLASH305",
            "Endpoint 'e' attaches volume 'cahce', which no [assembly: NetworkVolume] declares; declare it or fix the name");
        yield return Fires("volume_declared_twice", "[assembly: NetworkVolume(\"v\")]\n[assembly: [|NetworkVolume(\"v\", SizeGb = 20)|]]\n" + Method("\"e\", Volume = \"v\""), "FLASH306",
            "Network volume 'v' in EU-RO-1 is declared more than once; a volume is identified by its name and datacenter, so keep one declaration");
        yield return Fires("volume_without_name_or_id", "[assembly: [|NetworkVolume(SizeGb = 20)|]]\n" + Method("\"e\""), "FLASH307",
            "This network volume has neither a name nor an Id; write [assembly: NetworkVolume(\"name\")] or NetworkVolume(Id = \"…\")");
        yield return Fires("volume_in_us_ga_2", "[assembly: NetworkVolume(\"model-cache\", [|DataCenter = DataCenter.UsGa2|])]\n" + Method("\"e\", DataCenter = DataCenter.UsGa2, Volume = \"model-cache\""), "FLASH308",
            "Network volume 'model-cache' is in US-GA-2, which is not among the datacenters where Flash knows network storage is offered; deployment may fail there");
        yield return Fires("volume_by_id_only", "[assembly: NetworkVolume(Id = \"vol-1\")]\n" + Method("\"e\", [|Volume = \"vol-1\"|]"), "FLASH309",
            "Endpoint 'e' attaches volume 'vol-1', declared by id without a datacenter, so Flash cannot check at compile time that it is the endpoint's only volume in its datacenter and inside the endpoint's datacenters; add DataCenter to its declaration");
        yield return Fires("two_volumes_one_datacenter_one_too_small", """
            [assembly: NetworkVolume("a", [|SizeGb = 5|])]
            [assembly: NetworkVolume("b")]
            """ + Method("\"e\", Volumes = [\"a\", [|\"b\"|]]"), "FLASH302|FLASH301",
            "Network volume 'a' is 5 GB; a network volume holds 10 to 4096 GB",
            "Endpoint 'e' attaches volumes 'a' and 'b' in the same datacenter EU-RO-1; an endpoint can attach one network volume per datacenter");
        yield return Fires("volume_datacenter_written_wrong", "[assembly: NetworkVolume(\"v\", [|DataCenter = default|])]\n" + Method("\"e\", Volume = \"v\""), "FLASH002",
            "DataCenter = 0 is not a member of DataCenter; pick one of the DataCenter members instead of casting a number");
        yield return Fires("volume_attached_twice", "[assembly: NetworkVolume(\"v\")]\n" + Method("\"e\", Volumes = [\"v\", [|\"v\"|]]"), "FLASH310",
            "Endpoint 'e' attaches volume 'v' more than once; remove the repetition");
        yield return Fires("volume_not_attached", "[assembly: [|NetworkVolume(\"spare\")|]]\n" + Method("\"e\""), "FLASH311",
            "Network volume 'spare' is attached to no endpoint; deployment creates it but no worker mounts it");
        yield return Fires("ambiguous_volume", """
            [assembly: NetworkVolume("models", DataCenter = DataCenter.UsCa2)]
            [assembly: NetworkVolume("models", DataCenter = DataCenter.EuRo1)]
            """ + Method("\"e\", [|Volume = \"models\"|]"), "FLASH312",
            "Endpoint 'e' attaches volume 'models', but that name belongs to volumes in US-CA-2 and EU-RO-1; give the volumes distinct names so each reference means one volume");

        // Routes and endpoint kinds
        yield return Fires("path_without_slash", Api("\"api\"", "[Get([|\"models\"|])] public string[] Models() => [];"), "FLASH401",
            "Endpoint 'api' routes GET 'models', which does not start with '/'; write '/models'");
        yield return Fires("reserved_ping", Api("\"api\"", "[Get([|\"/ping\"|])] public string Ping() => \"\";"), "FLASH402",
            "Endpoint 'api' routes GET /ping, a path the platform reserves for its own use; choose another path");
        yield return Fires("reserved_execute", Api("\"api\"", "[Post([|\"/execute\"|])] public string Run() => \"\";"), "FLASH402",
            "Endpoint 'api' routes POST /execute, a path the platform reserves for its own use; choose another path");
        yield return Fires("near_reserved_case", Api("\"api\"", "[Get([|\"/PING\"|])] public string Ping() => \"\";"), "FLASH403",
            "Endpoint 'api' routes GET /PING, which is nearly the reserved path /ping; clients may confuse them, so choose a clearly different path");
        yield return Fires("near_reserved_slash", Api("\"api\"", "[Get([|\"/ping/\"|])] public string Ping() => \"\";"), "FLASH403",
            "Endpoint 'api' routes GET /ping/, which is nearly the reserved path /ping; clients may confuse them, so choose a clearly different path");
        yield return Fires("duplicate_route", Api("\"api\"", "[Get(\"/a\")] public int A() => 1;\n    [Get([|\"/a\"|])] public int B() => 2;"), "FLASH404",
            "Endpoint 'api' routes GET /a on 'B', which matches the same requests as GET /a on 'A'; route each HTTP method and path once (paths that differ only in parameter names, letter case or a trailing '/' are one path)");
        yield return Fires("duplicate_route_other_parameter_name", Api("\"api\"", "[Get(\"/items/{id:int}\")] public int A(int id) => id;\n    [Get([|\"/items/{key:int}\"|])] public int B(int key) => key;"), "FLASH404",
            "Endpoint 'api' routes GET /items/{key:int} on 'B', which matches the same requests as GET /items/{id:int} on 'A'; route each HTTP method and path once (paths that differ only in parameter names, letter case or a trailing '/' are one path)");
        yield return Fires("duplicate_route_case_and_trailing_slash", Api("\"api\"", "[Get(\"/models\")] public int A() => 1;\n    [Get([|\"/Models/\"|])] public int B() => 2;"), "FLASH404",
            "Endpoint 'api' routes GET /Models/ on 'B', which matches the same requests as GET /models on 'A'; route each HTTP method and path once (paths that differ only in parameter names, letter case or a trailing '/' are one path)");
        yield return Fires("route_on_queue_method", """
            public static class Jobs
            {
                [[|Endpoint("e")|]]
                [Get("/x")]
                public static int Run(int x) => x;
            }
            """, "FLASH405",
            "'Run' is a queue-based endpoint and also has an HTTP route; put routes on the methods of a load-balanced [Endpoint] class");
        yield return Fires("class_without_public_methods", "[[|Endpoint(\"c\")|]]\npublic sealed class C { private int X() => 1; }", "FLASH406",
            "Endpoint 'c' is the class 'C', which has no public methods for jobs to call; add one");
        yield return Fires("endpoint_inside_endpoint_class", """
            [Endpoint("c")]
            public sealed class C
            {
                [[|Endpoint("m")|]]
                public int M(int x) => x;
            }
            """, "FLASH407",
            "'M' is an endpoint of its own inside 'C', which is already an endpoint; queue-based methods and class endpoints do not mix, so remove one of the two [Endpoint] attributes");

        yield return Fires("overloads_as_two_endpoints", """
            public static class Jobs
            {
                [[|Endpoint("a")|]] public static int Run(int x) => x;
                [[|Endpoint("b")|]] public static string Run(string s) => s;
            }
            """, "FLASH408",
            "Endpoint 'a' runs 'Jobs.Run', which endpoint 'b' also runs; a method name belongs to one endpoint, so rename one of the overloads",
            "Endpoint 'b' runs 'Jobs.Run', which endpoint 'a' also runs; a method name belongs to one endpoint, so rename one of the overloads");
        yield return Fires("null_name", Method("[|null!|]"), "FLASH005",
            $"Endpoint name '' is not valid: it is empty; {NameRule}");

        // .NET shape
        yield return Fires("generic_method", Method("\"e\"", "public static T [|Run|]<T>(T x) => x;"), "FLASH501",
            "'Run' cannot be an endpoint entry because it is generic");
        yield return Fires("ref_parameter", Method("\"e\"", "public static int [|Run|](ref int x) => x;"), "FLASH501",
            "'Run' cannot be an endpoint entry because it has a ref, out or in parameter");
        yield return Fires("async_void", Method("\"e\"", "public static async void [|Run|](int x) => await Task.Yield();"), "FLASH501",
            "'Run' cannot be an endpoint entry because it is async void, so its completion and errors cannot be observed");
        yield return Fires("private_method", Method("\"e\"", "private static int [|Run|](int x) => x;"), "FLASH501",
            "'Run' cannot be an endpoint entry because it is not public or internal, so generated code cannot call it");
        yield return Fires("inside_generic_type", """
            public static class Outer<T>
            {
                [[|Endpoint("e")|]]
                public static int Run(int x) => x;
            }
            """, "FLASH501",
            "'Run' cannot be an endpoint entry because it is inside the generic type 'Outer'");
        yield return Fires("inside_private_type", """
            public static class Outer
            {
                private static class Inner
                {
                    [[|Endpoint("e")|]]
                    public static int Run(int x) => x;
                }
            }
            """, "FLASH501",
            "'Run' cannot be an endpoint entry because its type 'Inner' is not public or internal, so generated code cannot reach it");
        yield return Fires("ambiguous_constructors", """
            public sealed class Worker
            {
                public Worker(int seed) { }
                public Worker(string name) { }

                [[|Endpoint("e")|]]
                public int Run(int x) => x;
            }
            """, "FLASH502",
            "Endpoint 'e' needs an instance of 'Worker', but Flash cannot tell which constructor creates it; give it one public or internal constructor, or one with more parameters than the others (its parameters come from the app's services), or make the methods static");
        yield return Fires("private_constructor", """
            public sealed class Worker
            {
                private Worker() { }

                [[|Endpoint("e")|]]
                public int Run(int x) => x;
            }
            """, "FLASH502",
            "Endpoint 'e' needs an instance of 'Worker', but Flash cannot tell which constructor creates it; give it one public or internal constructor, or one with more parameters than the others (its parameters come from the app's services), or make the methods static");
        yield return Fires("abstract_class_endpoint", """
            [[|Endpoint("resize")|]]
            public abstract class Resizer
            {
                public int Resize(int width) => width / 2;
            }
            """, "FLASH505",
            "Endpoint 'resize' needs an instance of 'Resizer', which is abstract and cannot be created; remove 'abstract', put [Endpoint] on a concrete class that derives from it, or make the methods static");
        yield return Fires("instance_method_of_abstract_class", """
            public abstract class Worker
            {
                [[|Endpoint("e")|]]
                public int Run(int x) => x;
            }
            """, "FLASH505",
            "Endpoint 'e' needs an instance of 'Worker', which is abstract and cannot be created; remove 'abstract', put [Endpoint] on a concrete class that derives from it, or make the methods static");
        yield return Fires("overloads_in_class_endpoint", """
            [Endpoint("jobs")]
            public sealed class Jobs
            {
                public string [|Run|](string text) => text;
                public int [|Run|](int number) => number;
                public int Other(int x) => x;
            }
            """, "FLASH501",
            "'Run' cannot be an endpoint entry because endpoint 'jobs' chooses its methods by name (\"method\" in the job input) and 'Run' has 2 public overloads; give each method its own name");
        yield return Fires("delegate_parameter", Method("\"e\"", "public static int Run(Func<int> [|f|]) => f();"), "FLASH503",
            "The parameter 'f' of 'Run' has type 'System.Func<int>', which a job cannot carry as JSON: a delegate is code, not data");
        yield return Fires("interface_parameter", Method("\"e\"", "public static int Run(IDisposable [|d|]) => 1;"), "FLASH503",
            "The parameter 'd' of 'Run' has type 'System.IDisposable', which a job cannot carry as JSON: JSON input cannot create an abstract type or an interface; take a concrete type, or mark it [JsonPolymorphic] with [JsonDerivedType]s");
        yield return Fires("type_result", Method("\"e\"", "public static Type [|Run|](int x) => typeof(int);"), "FLASH503",
            "The result of 'Run' has type 'System.Type', which a job cannot carry as JSON: System.Text.Json does not serialize it");

        // Environment
        yield return Fires("env_without_equals", Method("\"e\", Env = [\"A=1\", [|\"NOEQUALS\"|]]"), "FLASH601",
            "Endpoint 'e' has the environment entry 'NOEQUALS', which is not NAME=value; write it as e.g. \"HF_HOME=/runpod-volume/hf\"");
        yield return Fires("env_empty_name", Method("\"e\", Env = [[|\"=value\"|]]"), "FLASH601",
            "Endpoint 'e' has the environment entry '=value', which is not NAME=value; write it as e.g. \"HF_HOME=/runpod-volume/hf\"");
        yield return Fires("env_twice", Method("\"e\", Env = [\"A=1\", [|\"A=2\"|]]"), "FLASH602",
            "Endpoint 'e' sets the environment variable A more than once; the last value wins, so remove the others");
        yield return Fires("env_reserved_app", Method("\"e\", Env = [\"A=1\", [|\"FLASH_APP=other\"|]]"), "FLASH603",
            "Endpoint 'e' sets FLASH_APP in Env, but flash deploy sets FLASH_APP on every worker itself (it names the endpoint, app or environment the worker serves); remove it from Env");
        yield return Fires("env_reserved_resource_name", Method("\"e\", Env = [[|\"FLASH_RESOURCE_NAME=x\"|]]"), "FLASH603",
            "Endpoint 'e' sets FLASH_RESOURCE_NAME in Env, but flash deploy sets FLASH_RESOURCE_NAME on every worker itself (it names the endpoint, app or environment the worker serves); remove it from Env");
        yield return Fires("env_reserved_environment", Method("\"e\", Env = [[|\"FLASH_ENVIRONMENT=staging\"|]]"), "FLASH603",
            "Endpoint 'e' sets FLASH_ENVIRONMENT in Env, but flash deploy sets FLASH_ENVIRONMENT on every worker itself (it names the endpoint, app or environment the worker serves); remove it from Env");
    }

    private static IEnumerable<TestCaseData> Nearest()
    {
        yield return Clean("Constant_argument", "public static class Limits { public const int Max = 3; }\n" + Method("\"e\", WorkersMax = Limits.Max"));
        yield return Clean("Enum_member", Method("\"e\", Gpu = GpuType.NvidiaL4"));
        yield return Clean("Plural_only", Method("\"e\", DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1]"));
        yield return Clean("One_gpu_in_list", Method("\"e\", Gpus = [GpuType.NvidiaL4]"));
        yield return Clean("Name_with_dashes", Method("\"my-endpoint\""));
        yield return Clean("Name_with_dots_and_underscores", Method("\"v1.2_resize-fast\""));
        yield return Clean("Name_63_characters", Method($"\"{new string('a', 63)}\""));
        yield return Clean("Default_name_ascii", "public static class Jobs { [Endpoint] public static int Run_2(int x) => x; }");
        yield return Clean("Image_references", """
            public static class Jobs
            {
                [Endpoint("a", Image = "ubuntu")] public static int A(int x) => x;
                [Endpoint("b", Image = "ghcr.io/you/app:1.0")] public static int B(int x) => x;
                [Endpoint("c", Image = "localhost:5000/team/app_x/worker--2:v1.2.3")] public static int C(int x) => x;
                [Endpoint("d", Image = "registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] public static int D(int x) => x;
                [Endpoint("e", Image = "[::1]:5000/app:latest")] public static int E(int x) => x;
            }
            """);
        yield return Clean("Distinct_names", "public static class Jobs { [Endpoint(\"a\")] public static int A(int x) => x; [Endpoint(\"b\")] public static int B(int x) => x; }");
        yield return Clean("Gpu_types_and_groups", Method("\"e\", Gpu = GpuType.NvidiaL4, GpuGroup = GpuGroup.Ampere80"));
        yield return Clean("Cpu_only", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2"));
        yield return Clean("Cpu_disk_at_limit", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_2_4, ContainerDiskInGb = 20"));
        yield return Clean("Cpu_disk_mixed_list_at_limit", Method("\"e\", Cpus = [CpuInstanceType.Cpu5c_8_16, CpuInstanceType.Cpu3g_1_4], ContainerDiskInGb = 10"));
        yield return Clean("Gpu_disk_large", Method("\"e\", ContainerDiskInGb = 500"));
        yield return Clean("Disk_one", Method("\"e\", ContainerDiskInGb = 1"));
        yield return Clean("Cpu_in_eu_ro_1", Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, DataCenter = DataCenter.EuRo1"));
        yield return Clean("Cuda_on_gpu", Method("\"e\", MinCudaVersion = CudaVersion.Cuda12_4, GpuCount = 2"));
        yield return Clean("Workers_1_1", Method("\"e\", WorkersMin = 1, WorkersMax = 1"));
        yield return Clean("Workers_0_5", Method("\"e\", WorkersMin = 0, WorkersMax = 5"));
        yield return Clean("Idle_1", Method("\"e\", IdleTimeoutSeconds = 1"));
        yield return Clean("Idle_3600", Method("\"e\", IdleTimeoutSeconds = 3600"));
        yield return Clean("Max_concurrency_1_queue", Method("\"e\", MaxConcurrency = 1"));
        yield return Clean("Load_balanced_request_count", Api("\"api\", ScalerType = ScalerType.RequestCount, ScalerValue = 1"));
        yield return Clean("Execution_timeout_zero", Method("\"e\", ExecutionTimeoutMs = 0"));
        yield return Clean("Volumes_in_two_datacenters", """
            [assembly: NetworkVolume("models-us", DataCenter = DataCenter.UsCa2)]
            [assembly: NetworkVolume("models-eu", DataCenter = DataCenter.EuRo1)]
            """ + Method("\"global-inference\", DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1], Volumes = [\"models-us\", \"models-eu\"]"));
        yield return Clean("Volume_10_gb", "[assembly: NetworkVolume(\"v\", SizeGb = 10)]\n" + Method("\"e\", Volume = \"v\""));
        yield return Clean("Volume_4096_gb", "[assembly: NetworkVolume(\"v\", SizeGb = 4096)]\n" + Method("\"e\", Volume = \"v\""));
        yield return Clean("Cpu_volume_in_eu_ro_1", "[assembly: NetworkVolume(\"v\")]\n" + Method("\"e\", Cpu = CpuInstanceType.Cpu3c_1_2, Volume = \"v\""));
        yield return Clean("Same_name_other_datacenter_unreferenced_by_name", """
            [assembly: NetworkVolume("v", DataCenter = DataCenter.UsCa2)]
            [assembly: NetworkVolume(Id = "vol-2", DataCenter = DataCenter.EuRo1)]
            """ + Method("\"e\", Volumes = [\"v\", \"vol-2\"]"));
        yield return Clean("Volume_by_id_with_datacenter", "[assembly: NetworkVolume(Id = \"vol-1\", DataCenter = DataCenter.EuRo1)]\n" + Method("\"e\", Volume = \"vol-1\""));
        yield return Clean("Routes_told_apart_by_constraint_or_method", Api("\"api\"", "[Get(\"/a/{id:int}\")] public int A(int id) => id;\n    [Get(\"/a/{name}\")] public string B(string name) => name;\n    [Post(\"/a/{name}\")] public string C(string name) => name;"));
        yield return Clean("Routes", Api("\"api\"", "[Get(\"/a\")] public int A() => 1;\n    [Post(\"/a\")] public int B(int x) => x;\n    [Get(\"/pingu\")] public int C() => 3;\n    [Get(\"/items/{id}\")] public int D(int id) => id;"));
        yield return Clean("Overloads_one_endpoint", "public static class Jobs { [Endpoint(\"a\")] public static int Run(int x) => x; public static string Run(string s) => s; }");
        yield return Clean("Routed_overloads_on_distinct_routes", Api("\"api\"", "[Get(\"/a\")] public int Run(int x) => x;\n    [Get(\"/b\")] public string Run(string s) => s;"));
        yield return Clean("Class_endpoint_with_private_overload", "[Endpoint(\"c\")]\npublic sealed class C { public int X(int a) => a; private string X(string s) => s; }");
        yield return Clean("Class_endpoint", "[Endpoint(\"c\")]\npublic sealed class C { public int X(int a) => a; }");
        yield return Clean("Constructor_with_services", "public sealed class Worker(IServiceProvider services) { [Endpoint(\"e\")] public int Run(int x) => x + services.GetHashCode(); }");
        yield return Clean("Instance_method_with_default_constructor", "public sealed class Worker { [Endpoint(\"e\")] public int Run(int x) => x; }");
        yield return Clean("Bindable_types", Method("\"e\"", "public static Task<IReadOnlyList<string>> Run(IEnumerable<int> xs, Dictionary<string, double> map, string? note, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);"));
        yield return Clean("Env", Method("\"e\", Env = [\"A=1\", \"B=x=y\", \"C=\"]"));
    }

    private static IEnumerable<TestCaseData> CpuTypes() =>
        Enum.GetValues<CpuInstanceType>().Select(t => new TestCaseData(t).SetName($"FLASH102_boundary_{t}"));

    [TestCaseSource(nameof(CpuTypes))]
    public async Task Cpu_disk_at_the_limit_passes_and_one_above_fails(CpuInstanceType type)
    {
        var id = Flash.Platform.CpuCatalog.Id(type);
        var vcpu = Flash.Platform.CpuCatalog.VCpu(type);
        var perVcpu = id.StartsWith("cpu5c", StringComparison.Ordinal) ? 15 : 10;
        var limit = vcpu * perVcpu;

        await AnalyzerHarness.VerifyCleanAsync(Method($"\"e\", Cpu = CpuInstanceType.{type}, ContainerDiskInGb = {limit}"));
        await AnalyzerHarness.VerifyAsync(Method($"\"e\", Cpu = CpuInstanceType.{type}, [|ContainerDiskInGb = {limit + 1}|]"), "FLASH102",
            $"Endpoint 'e' asks for a {limit + 1} GB container disk, but CPU instance {id} allows at most {limit} GB ({perVcpu} GB per vCPU); set ContainerDiskInGb to {limit} or less, or choose a larger instance");
    }

    [TestCaseSource(nameof(Violations))]
    public Task Rule_fires_on_the_argument_at_fault(string markup, string id, string[] messages) => AnalyzerHarness.VerifyAsync(markup, id, messages);

    [TestCaseSource(nameof(Nearest))]
    public Task Nearest_valid_declaration_has_no_diagnostic(string markup) => AnalyzerHarness.VerifyCleanAsync(markup);

    [Test]
    public async Task The_sample_has_only_the_informational_us_ga_2_diagnostic()
    {
        var sources = GeneratorHarness.SampleSources().ToList();
        var compilation = GeneratorHarness.Compile(sources, "Quickstart", Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
        var diagnostics = await compilation.WithAnalyzers([new analyzers::Flash.Analyzers.DeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.That(diagnostics.Select(d => $"{d.Id} {d.Severity}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"), Is.EqualTo(new[]
        {
            "FLASH308 Info: Network volume 'model-cache' is in US-GA-2, which is not among the datacenters where Flash knows network storage is offered; deployment may fail there",
        }));
    }
}
