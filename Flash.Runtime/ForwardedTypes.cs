using System.Runtime.CompilerServices;
using Flash;

// The route attributes moved to Flash.Client, where client interfaces use them too; apps built against an earlier
// Flash.Runtime still find them here.
[assembly: TypeForwardedTo(typeof(RouteAttribute))]
[assembly: TypeForwardedTo(typeof(GetAttribute))]
[assembly: TypeForwardedTo(typeof(PostAttribute))]
[assembly: TypeForwardedTo(typeof(PutAttribute))]
[assembly: TypeForwardedTo(typeof(DeleteAttribute))]
[assembly: TypeForwardedTo(typeof(PatchAttribute))]
