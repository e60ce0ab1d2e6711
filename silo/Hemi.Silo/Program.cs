using Hemi.Silo.Hosting;

return await HemiSiloHost.RunAsync(args);
